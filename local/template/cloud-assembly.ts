import * as fs from 'node:fs';
import * as path from 'node:path';
import { CfnTemplate, TemplateError } from './cfn-types';

/** One CloudFormation stack in a synthesized cloud assembly (`cdk.out`). */
export interface AssemblyStack {
  artifactId: string;
  stackName: string;
  template: CfnTemplate;
  /** The folder the stack's relative asset paths start from. */
  assemblyDir: string;
  /** Absolute asset paths by the S3 object key CDK uploads them under. */
  assetPathsByObjectKey: Map<string, string>;
}

interface ManifestArtifact {
  type: string;
  properties?: { templateFile?: string; stackName?: string; file?: string; directoryName?: string };
  dependencies?: string[];
}

interface AssetManifest {
  files?: Record<string, { source?: { path?: string }; destinations?: Record<string, { objectKey?: string }> }>;
}

function readJson<T>(file: string, what: string): T {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TemplateError(`Cannot read ${what} at ${file}: ${(error as Error).message}. Run \`npm run synth\` first.`);
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new TemplateError(`${what} at ${file} is not valid JSON: ${(error as Error).message}`);
  }
}

function assetPaths(assemblyDir: string, assetManifestFile: string): Map<string, string> {
  const manifest = readJson<AssetManifest>(path.join(assemblyDir, assetManifestFile), 'asset manifest');
  const byKey = new Map<string, string>();
  for (const file of Object.values(manifest.files ?? {})) {
    if (file.source?.path === undefined) continue;
    for (const destination of Object.values(file.destinations ?? {})) {
      if (destination.objectKey) byKey.set(destination.objectKey, path.resolve(assemblyDir, file.source.path));
    }
  }
  return byKey;
}

/** Every stack of the assembly in `assemblyDir`, including those of nested assemblies (CDK stages). */
export function readCloudAssembly(assemblyDir: string): AssemblyStack[] {
  const manifest = readJson<{ artifacts?: Record<string, ManifestArtifact> }>(
    path.join(assemblyDir, 'manifest.json'),
    'cloud assembly manifest',
  );
  const artifacts = manifest.artifacts ?? {};
  const stacks: AssemblyStack[] = [];
  for (const [artifactId, artifact] of Object.entries(artifacts)) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName) {
      stacks.push(...readCloudAssembly(path.join(assemblyDir, artifact.properties.directoryName)));
      continue;
    }
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    const assetManifestId = (artifact.dependencies ?? []).find((id) => artifacts[id]?.type === 'cdk:asset-manifest');
    const assetManifestFile = assetManifestId ? artifacts[assetManifestId].properties?.file : undefined;
    stacks.push({
      artifactId,
      stackName: artifact.properties.stackName ?? artifactId,
      template: readJson<CfnTemplate>(path.join(assemblyDir, artifact.properties.templateFile), 'stack template'),
      assemblyDir,
      assetPathsByObjectKey: assetManifestFile ? assetPaths(assemblyDir, assetManifestFile) : new Map(),
    });
  }
  return stacks;
}
