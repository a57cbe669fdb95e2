import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cachedFiles, freshBundle } from '../../../local/cli/launch';
import { USAGE } from '../../../local/cli/options';
import { PROJECT_DIR } from '../../../support/project';

const LAUNCHER = path.join(PROJECT_DIR, 'local/cli/launch.js');

/** An entry point that prints its arguments and where a module it imports lies, as that module sees it. */
function writeApp(dir: string, greeting: string): { entry: string; where: string } {
  const entry = path.join(dir, 'main.ts');
  const where = path.join(dir, 'lib', 'where.ts');
  fs.mkdirSync(path.dirname(where), { recursive: true });
  fs.writeFileSync(where, `export const where: { dir: string; file: string } = { dir: __dirname, file: __filename };\nexport const greeting = '${greeting}';\n`);
  fs.writeFileSync(entry, `import { greeting, where } from './lib/where';\nprocess.stdout.write(JSON.stringify({ greeting, where, args: process.argv.slice(2) }));\n`);
  return { entry, where };
}

function run(bundle: string, ...args: string[]): { greeting: string; where: { dir: string; file: string }; args: string[] } {
  return JSON.parse(execFileSync(process.execPath, [bundle, ...args], { encoding: 'utf8' }));
}

describe('the launcher of npm start (local/cli/launch.js)', () => {
  let scratch: string;
  /** The sources' folder. */
  let dir: string;
  /** Beside it, not in it: a folder that changes is a source folder that changed. */
  let cacheDir: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'launch-'));
    dir = path.join(scratch, 'app');
    fs.mkdirSync(dir);
    cacheDir = path.join(scratch, 'cache');
  });

  afterEach(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("bundles an entry with the sources it imports, each of which keeps its own __dirname and __filename", async () => {
    const { entry, where } = writeApp(dir, 'hello');
    const { bundle, buildMs } = await freshBundle(entry, cacheDir);
    expect(buildMs).toBeGreaterThan(0);
    expect(path.dirname(bundle)).toBe(cacheDir);
    expect(run(bundle, '--port', '0')).toEqual({ greeting: 'hello', where: { dir: path.dirname(where), file: where }, args: ['--port', '0'] });
  });

  it('reuses the bundle while no source changed, and makes it again when one did, even at its old size and modification time', async () => {
    const { entry, where } = writeApp(dir, 'hello');
    const first = await freshBundle(entry, cacheDir);
    const second = await freshBundle(entry, cacheDir);
    expect(second).toEqual({ bundle: first.bundle, buildMs: undefined });

    const { mtime } = fs.statSync(where);
    fs.writeFileSync(where, fs.readFileSync(where, 'utf8').replace("'hello'", "'howdy'"));
    fs.utimesSync(where, mtime, mtime);
    const third = await freshBundle(entry, cacheDir);
    expect(third.buildMs).toBeGreaterThan(0);
    expect(run(third.bundle).greeting).toBe('howdy');
  });

  it('makes the bundle again when a source it was made from is gone, and names the import that no longer resolves', async () => {
    const { entry, where } = writeApp(dir, 'hello');
    await freshBundle(entry, cacheDir);
    fs.renameSync(where, path.join(dir, 'lib', 'moved.ts'));
    await expect(freshBundle(entry, cacheDir)).rejects.toThrow(/Could not resolve "\.\/lib\/where"/);
  });

  it('makes the bundle again when a file added beside a source changes what an import finds', async () => {
    const entry = path.join(dir, 'main.ts');
    fs.mkdirSync(path.join(dir, 'greeting'));
    fs.writeFileSync(path.join(dir, 'greeting', 'index.ts'), "export const greeting = 'from the folder';\n");
    fs.writeFileSync(entry, "import { greeting } from './greeting';\nprocess.stdout.write(JSON.stringify({ greeting }));\n");
    expect(run((await freshBundle(entry, cacheDir)).bundle).greeting).toBe('from the folder');

    fs.writeFileSync(path.join(dir, 'greeting.ts'), "export const greeting = 'from the file';\n");
    const again = await freshBundle(entry, cacheDir);
    expect(again.buildMs).toBeGreaterThan(0);
    expect(run(again.bundle).greeting).toBe('from the file');
  });

  it("forgets, when it makes a bundle, the bundles of entries that are gone (a deleted copy of the project's)", async () => {
    const { entry } = writeApp(dir, 'hello');
    const gone = path.join(scratch, 'copy', 'main.ts');
    fs.mkdirSync(path.dirname(gone));
    fs.copyFileSync(entry, gone);
    fs.cpSync(path.join(dir, 'lib'), path.join(scratch, 'copy', 'lib'), { recursive: true });
    await freshBundle(gone, cacheDir);
    fs.rmSync(path.dirname(gone), { recursive: true });

    await freshBundle(entry, cacheDir);
    const kept = Object.values(cachedFiles(entry, cacheDir)).map((file) => path.basename(file));
    expect(fs.readdirSync(cacheDir).sort()).toEqual(kept.sort());
  });

  it('runs the entry with the arguments after it, as node would have run it', () => {
    const result = spawnSync(process.execPath, [LAUNCHER, 'local/cli/start.ts', '--help'], { cwd: PROJECT_DIR, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // The first start after a change to the runtime's sources says it built it; any later one says nothing.
    expect(result.stdout.replace(/^Built the local runtime in [\d.]+ s \(reused from node_modules\/\.cache until its sources change\)\n/, '')).toBe(`${USAGE}\n`);
  });

  it('lets what the entry throws as it loads end the process as node would, with its stack, and exit code 1', () => {
    const entry = path.join(dir, 'throws.ts');
    fs.writeFileSync(entry, "function fails(): never {\n  throw new Error('boom');\n}\nfails();\n");
    try {
      const result = spawnSync(process.execPath, [LAUNCHER, entry], { cwd: dir, encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('Error: boom\n    at fails (');
    } finally {
      // This one ran through the launcher's own cache, which keeps the runtime's bundle.
      for (const file of Object.values(cachedFiles(entry))) fs.rmSync(file, { force: true });
    }
  });

  it('names the file, line and error of a source that does not compile, and exits 1', () => {
    const entry = path.join(dir, 'broken.ts');
    fs.writeFileSync(entry, 'const answer = ;\n');
    const result = spawnSync(process.execPath, [LAUNCHER, entry], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('broken.ts did not build:\nbroken.ts:1:16: Unexpected ";"\n    const answer = ;\n');
  });
});
