import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Synthesizes the CDK app the way the CDK CLI does (run cdk.json's `app` with CDK_OUTDIR and
 * CDK_CONTEXT_JSON), but skips the run when nothing the app reads has changed since the last one.
 * That skip is what makes a warm `npm start` fast.
 */
export interface SynthOptions {
  projectDir: string;
  outDir: string;
  /** Extra context, merged over cdk.json's, as `-c key=value` would. */
  context?: Record<string, string>;
}

export interface SynthResult {
  skipped: boolean;
  durationMs: number;
}

interface CdkJson {
  app?: string;
  context?: Record<string, unknown>;
  watch?: { include?: string[] };
}

/** A digest of everything the app reads, kept in cdk.out; synthesis is skipped while it matches. */
export const FINGERPRINT_FILE = '.local-synth-fingerprint';

/**
 * What `cdk synth` adds to cdk.json's context by default: each resource's construct path and asset folder in its
 * template metadata. The runtime reads neither; tools and tests that read cdk.out find the same template as after
 * `cdk synth`.
 */
export const CDK_CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } as const;

export async function synthesize(options: SynthOptions): Promise<SynthResult> {
  const started = Date.now();
  const cdkJson = readCdkJson(options.projectDir);
  if (!cdkJson.app) throw new Error(`cdk.json in ${options.projectDir} has no "app" command to synthesize`);
  const context = { ...CDK_CLI_CONTEXT, ...(cdkJson.context ?? {}), ...(options.context ?? {}) };
  const fingerprint = fingerprintInputs(options.projectDir, cdkJson, context);
  const fingerprintPath = path.join(options.outDir, FINGERPRINT_FILE);
  if (fs.existsSync(path.join(options.outDir, 'manifest.json')) && readIfExists(fingerprintPath) === fingerprint) {
    return { skipped: true, durationMs: Date.now() - started };
  }
  await runApp(cdkJson.app, options.projectDir, options.outDir, context);
  fs.writeFileSync(fingerprintPath, fingerprint);
  return { skipped: false, durationMs: Date.now() - started };
}

function readCdkJson(projectDir: string): CdkJson {
  const file = path.join(projectDir, 'cdk.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CdkJson;
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

function readIfExists(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Sizes and modification times of every file the app can read, plus the context it gets. */
function fingerprintInputs(projectDir: string, cdkJson: CdkJson, context: Record<string, unknown>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ app: cdkJson.app, context }));
  const roots = new Set((cdkJson.watch?.include ?? ['**']).map((pattern) => pattern.split('/')[0]).filter((r) => !r.includes('*')));
  const files = ['cdk.json', 'package-lock.json', ...[...roots].flatMap((root) => listFiles(projectDir, root))];
  for (const relative of files.sort()) {
    const stat = fs.statSync(path.join(projectDir, relative), { throwIfNoEntry: false });
    if (stat) hash.update(`${relative}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

function listFiles(projectDir: string, relativeDir: string): string[] {
  const dir = path.join(projectDir, relativeDir);
  if (!fs.existsSync(dir)) return [];
  if (!fs.statSync(dir).isDirectory()) return [relativeDir];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectDir, path.join(entry.parentPath, entry.name)));
}

function runApp(command: string, projectDir: string, outDir: string, context: Record<string, unknown>): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      cwd: projectDir,
      shell: true,
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, CDK_OUTDIR: outDir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => reject(new Error(`Cannot run the CDK app "${command}": ${error.message}`)));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Synthesizing the CDK app ("${command}") failed with exit code ${code}:\n${stderr.trim()}`));
    });
  });
}
