import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { median } from './stats';

export interface BundleFigure {
  /** The function's logical id in the template. */
  functionId: string;
  assetDir: string;
  /** index.js alone. */
  codeBytes: number;
  /** The whole asset folder (what the zip holds), source map included. */
  totalBytes: number;
  /** `require` of the bundle in a fresh node, with the function's environment (its NODE_OPTIONS included). */
  loadMs: number;
  /** The same without `--enable-source-maps`, to show what source maps add. */
  loadMsWithoutSourceMaps: number;
}

interface CloudAssemblyManifest {
  artifacts: Record<string, { type: string; properties?: { templateFile?: string; file?: string } }>;
}
interface AssetManifest {
  files?: Record<string, { source: { path?: string } }>;
}
interface TemplateResource {
  Type: string;
  Properties?: {
    Handler?: string;
    Code?: { S3Key?: unknown };
    Environment?: { Variables?: Record<string, unknown> };
  };
}

const LOAD_SAMPLES = 3;
const execFileAsync = promisify(execFile);
/** Runs in the fresh node: times the require alone, not node's own start. */
const TIME_REQUIRE = 'const t=process.hrtime.bigint();require(process.argv[1]);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));';

/** Every Lambda function of cdk.out's stacks, mapped to the asset folder its code comes from. */
export async function measureBundles(cdkOutDir: string): Promise<BundleFigure[]> {
  const manifest = readJson<CloudAssemblyManifest>(path.join(cdkOutDir, 'manifest.json'));
  const artifacts = Object.values(manifest.artifacts);
  const assetDirs = new Map<string, string>();
  for (const artifact of artifacts.filter((a) => a.type === 'cdk:asset-manifest')) {
    const assets = readJson<AssetManifest>(path.join(cdkOutDir, artifact.properties?.file ?? ''));
    for (const [hash, file] of Object.entries(assets.files ?? {})) if (file.source.path) assetDirs.set(hash, file.source.path);
  }
  const figures: BundleFigure[] = [];
  for (const stack of artifacts.filter((a) => a.type === 'aws:cloudformation:stack')) {
    const template = readJson<{ Resources?: Record<string, TemplateResource> }>(path.join(cdkOutDir, stack.properties?.templateFile ?? ''));
    for (const [functionId, resource] of Object.entries(template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const s3Key = resource.Properties?.Code?.S3Key;
      const assetDir = typeof s3Key === 'string' ? assetDirs.get(s3Key.replace(/\.zip$/, '')) : undefined;
      if (assetDir === undefined) throw new Error(`Function ${functionId} has no code asset in ${cdkOutDir} (S3Key ${JSON.stringify(s3Key)})`);
      figures.push(await measureBundle(functionId, path.join(cdkOutDir, assetDir), resource));
    }
  }
  return figures;
}

async function measureBundle(functionId: string, dir: string, resource: TemplateResource): Promise<BundleFigure> {
  const moduleName = (resource.Properties?.Handler ?? 'index.handler').split('.')[0];
  const entry = path.join(dir, `${moduleName}.js`);
  if (!fs.existsSync(entry)) throw new Error(`Function ${functionId}'s bundle ${entry} does not exist`);
  const environment = functionEnvironment(resource);
  const { NODE_OPTIONS: _nodeOptions, ...withoutNodeOptions } = environment;
  return {
    functionId,
    assetDir: path.basename(dir),
    codeBytes: fs.statSync(entry).size,
    totalBytes: fs.readdirSync(dir, { recursive: true, withFileTypes: true }).reduce(
      (sum, file) => (file.isFile() ? sum + fs.statSync(path.join(file.parentPath, file.name)).size : sum),
      0,
    ),
    loadMs: await medianLoadMs(entry, environment),
    loadMsWithoutSourceMaps: await medianLoadMs(entry, withoutNodeOptions),
  };
}

/** The template's variables, with references (table names and the like) given placeholder values as strings. */
function functionEnvironment(resource: TemplateResource): Record<string, string> {
  const variables = resource.Properties?.Environment?.Variables ?? {};
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, typeof value === 'string' ? value : `bench-${name.toLowerCase()}`]));
}

async function medianLoadMs(entry: string, environment: Record<string, string>): Promise<number> {
  const env = { PATH: process.env.PATH, AWS_REGION: 'us-east-1', ...environment };
  const samples: number[] = [];
  // One at a time: concurrent loads would time each other.
  for (let sample = 0; sample < LOAD_SAMPLES; sample++) {
    const { stdout } = await execFileAsync(process.execPath, ['-e', TIME_REQUIRE, entry], { env, encoding: 'utf8' });
    samples.push(Number(stdout));
  }
  return median(samples);
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}
