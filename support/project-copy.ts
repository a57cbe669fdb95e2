import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PROJECT_DIR } from './project';

/** What the app, its services, its tests and its scripts need; node_modules is linked, never copied. */
const COPIED = [
  ...['cdk', 'events', 'local', 'scripts', 'services', 'support', 'test', 'docs'],
  ...['cdk.json', 'package.json', 'package-lock.json', 'tsconfig.json', 'jest.config.js', 'eslint.config.mjs', 'README.md'],
];

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A temporary copy of the project, for running the scaffold (and whatever follows it) without touching this checkout. */
export interface ProjectCopy {
  readonly dir: string;
  /** Runs a binary from node_modules/.bin in the copy, e.g. `run('tsx', ['scripts/new-subscriber/cli.ts', 'crm-sync'])`. */
  run(binary: string, args: readonly string[]): Promise<CommandResult>;
  /** Runs a command line as a reader types it, e.g. `npm run new-subscriber -- crm-sync`, with bash in the copy. */
  runShell(commandLine: string): Promise<CommandResult>;
  read(relativePath: string): string;
  exists(relativePath: string): boolean;
  /** Every file under the copy's own folders, with its content: to prove a refused command wrote nothing. */
  snapshot(): Map<string, string>;
  remove(): void;
}

export function copyProject(): ProjectCopy {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'users-fanout-copy-'));
  for (const entry of COPIED) {
    fs.cpSync(path.join(PROJECT_DIR, entry), path.join(dir, entry), { recursive: true, filter: (source) => !source.endsWith('.local') });
  }
  fs.symlinkSync(path.join(PROJECT_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const at = (relativePath: string) => path.join(dir, relativePath);
  return {
    dir,
    run: (binary, args) => run(path.join(dir, 'node_modules', '.bin', binary), args, dir),
    runShell: (commandLine) => run('bash', ['-c', commandLine], dir),
    read: (relativePath) => fs.readFileSync(at(relativePath), 'utf8'),
    exists: (relativePath) => fs.existsSync(at(relativePath)),
    snapshot: () => snapshot(dir),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function run(command: string, args: readonly string[], cwd: string): Promise<CommandResult> {
  // A nested jest must not think it is one of this run's workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'JEST_WORKER_ID' && !key.startsWith('CDK_')));
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of COPIED) {
    const root = path.join(dir, entry);
    const paths = fs.statSync(root).isDirectory()
      ? fs
          .readdirSync(root, { recursive: true, withFileTypes: true })
          .filter((item) => item.isFile())
          .map((item) => path.join(item.parentPath, item.name))
      : [root];
    for (const file of paths) files.set(path.relative(dir, file), fs.readFileSync(file, 'utf8'));
  }
  return files;
}
