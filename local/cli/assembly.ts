import * as fs from 'node:fs';
import * as path from 'node:path';
import { readCloudAssembly } from '../template/cloud-assembly';
import { TemplateError } from '../template/cfn-types';

/** A cloud assembly `--assembly` cannot run; the message is one line naming the problem. */
export class AssemblyError extends Error {}

/**
 * Checks an already synthesized cloud assembly (`npm start -- --assembly <dir>`) before the runtime reads it: the
 * directory exists, it holds a manifest with at least one stack template, and every function's code asset folder
 * is there. Returns the assembly's absolute path.
 */
export function checkAssembly(dir: string, cwd: string): string {
  const assemblyDir = path.resolve(cwd, dir);
  const stat = fs.statSync(assemblyDir, { throwIfNoEntry: false });
  if (!stat) throw new AssemblyError(`--assembly ${dir}: no such directory`);
  if (!stat.isDirectory()) throw new AssemblyError(`--assembly ${dir}: not a directory`);
  if (!fs.existsSync(path.join(assemblyDir, 'manifest.json'))) {
    throw new AssemblyError(`--assembly ${dir}: no manifest.json, so not a cloud assembly (give the cdk.out that cdk synth writes)`);
  }
  let stacks;
  try {
    stacks = readCloudAssembly(assemblyDir);
  } catch (error) {
    if (error instanceof TemplateError) throw new AssemblyError(`--assembly ${dir}: ${error.message.replace(/ Run `npm run synth` first\.$/, '')}`);
    throw error;
  }
  if (stacks.length === 0) throw new AssemblyError(`--assembly ${dir}: its manifest.json names no stack template`);
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const assetPath = resource.Metadata?.['aws:asset:path'];
      const objectKey = (resource.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key;
      const folder =
        typeof assetPath === 'string' ? path.resolve(stack.assemblyDir, assetPath) : typeof objectKey === 'string' ? stack.assetPathsByObjectKey.get(objectKey) : undefined;
      if (folder === undefined) continue;
      if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
        throw new AssemblyError(`--assembly ${dir}: the asset folder ${path.relative(assemblyDir, folder) || folder} of ${logicalId} (AWS::Lambda::Function, stack ${stack.stackName}) is not there`);
      }
    }
  }
  return assemblyDir;
}
