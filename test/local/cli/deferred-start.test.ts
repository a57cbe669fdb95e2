import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PROJECT_DIR } from '../../../support/project';

const WITHOUT_SES_PACKAGE = path.join(__dirname, 'fixtures', 'without-ses-package.js');

describe('what npm start loads after its ready banner', () => {
  it('ends npm start with exit code 1 and the reason when it cannot load, as a failure before the banner would', async () => {
    const child = spawn(process.execPath, ['--require', WITHOUT_SES_PACKAGE, 'local/cli/launch.js', 'local/cli/start.ts', '--port', '0', '--in-memory'], {
      cwd: PROJECT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));

    // It was ready to serve everything else first: SES, which loads its engine on first use, was what failed.
    expect(stdout).toMatch(/users-fanout local runtime ready on http:\/\/127\.0\.0\.1:\d+ in /);
    expect(stderr).toBe("npm start failed: SES's capture engine (aws-ses-v2-local) did not load: Cannot find module 'aws-ses-v2-local/dist/store'\n");
    expect(code).toBe(1);
  });
});
