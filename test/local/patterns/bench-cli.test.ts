import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_DIR } from '../../../support/project';


/** `npm run bench:patterns` runs for about 10 s, so asking it for help must not start it. */
function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      path.join(PROJECT_DIR, 'node_modules/.bin/tsx'),
      ['local/patterns/bench/bench.ts', ...args],
      { cwd: PROJECT_DIR, timeout: 15_000 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

describe('npm run bench:patterns', () => {
  test('--help prints the usage and runs nothing', async () => {
    const run = await bench(['--help']);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: npm run bench:patterns\n/);
    expect(run.stdout).not.toContain('events/s');
  });

  test('refuses an option, since it takes none, and runs nothing', async () => {
    const run = await bench(['--rules', '5']);

    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^bench:patterns takes no options, got --rules 5\n\nUsage: npm run bench:patterns\n/);
  });
});
