import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const tsxCli = require.resolve('tsx/cli');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command as a user would, with no AWS configuration beyond what the test gives it. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, join(root, 'events', 'put-events.ts'), ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: mkdtempSync(join(tmpdir(), 'put-events-home-')),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
  });
}

describe('npm run put-events (the real command)', () => {
  it('rejects a malformed file with one line on stderr, no stack trace, exit code 2', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'put-events-')), 'broken.json');
    writeFileSync(path, '[{"Source": "users-fanout.users",');

    const run = await runCli([path]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^put-events: .*broken\.json: not valid JSON \(.+\)$/)]);
  });

  describe('against an EventBridge endpoint', () => {
    let server: Server;
    let endpoint: string;
    const requests: { target: string | undefined; body: { Entries: { EventBusName: string }[] } }[] = [];

    beforeAll(async () => {
      server = createServer(async (request, response) => {
        const body = JSON.parse(await readBody(request));
        requests.push({ target: request.headers['x-amz-target'] as string | undefined, body });
        response.setHeader('content-type', 'application/x-amz-json-1.1');
        response.end(JSON.stringify({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'Bus unavailable' }] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('prints the error of a failed entry and exits non-zero; AWS_ENDPOINT_URL and --bus are honoured', async () => {
      const run = await runCli([join(root, 'events', 'samples', 'user-created.json'), '--bus', 'users-fanout-test'], {
        AWS_ENDPOINT_URL: endpoint,
      });

      expect(run.stdout.trimEnd().split('\n')).toEqual(['entry 0: FAILED InternalFailure: Bus unavailable', '0 sent, 1 failed']);
      expect(run.code).toBe(1);
      expect(requests).toHaveLength(1);
      expect(requests[0].target).toBe('AWSEvents.PutEvents');
      expect(requests[0].body.Entries[0].EventBusName).toBe('users-fanout-test');
    });
  });
});
