import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The project's own files the CDK app reads: esbuild follows its imports from the entry that cdk.json's `app`
 * command runs (`npx tsx cdk/app.ts` → cdk/app.ts), leaving packages out. A change to one of them re-synthesizes.
 * Undefined when the command names no script file: then every watched change re-synthesizes.
 */
export async function appInputs(projectDir: string, appCommand: string): Promise<Set<string> | undefined> {
  const entry = appCommand
    .split(/\s+/)
    .map((token) => token.replace(/^["']|["']$/g, ''))
    .find((token) => /\.(ts|mts|cts|js|mjs|cjs)$/.test(token) && fs.existsSync(path.resolve(projectDir, token)));
  if (entry === undefined) return undefined;
  const result = await build({
    entryPoints: [path.resolve(projectDir, entry)],
    absWorkingDir: projectDir,
    bundle: true,
    platform: 'node',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return new Set(Object.keys(result.metafile.inputs).map((input) => path.resolve(projectDir, input)));
}
