import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CALLER, fakeSts, unreachableLoopbackUrl, type LoopbackServer } from '../../../support/loopback-servers';
import { type InProcessRuntime, startInProcessRuntime } from '../../../support/in-process-runtime';
import { PROJECT_DIR } from '../../../support/project';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run dlq` as a person runs it, choosing where it acts: the local runtime with --local, or AWS itself, which it
 * names before it reads anything. Nothing leaves the machine: "AWS" is the SDK's per-service endpoint variables
 * pointing at loopback servers (STS) and at the local runtime (SQS).
 */
function dlq(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  const environment = {
    PATH: process.env.PATH ?? '',
    HOME: mkdtempSync(path.join(tmpdir(), 'dlq-home-')),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  };
  return new Promise((resolve) => {
    execFile(
      path.join(PROJECT_DIR, 'node_modules/.bin/tsx'),
      ['scripts/dlq/cli.ts', ...args],
      { cwd: PROJECT_DIR, env: Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined)) },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

const lines = (text: string) => text.trimEnd().split('\n');
const AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' };

describe('where npm run dlq acts', () => {
  let stack: InProcessRuntime;
  let sts: LoopbackServer;

  beforeAll(async () => {
    stack = await startInProcessRuntime();
    sts = await fakeSts();
  });
  afterAll(async () => {
    await sts?.close();
    await stack?.stop();
  });

  test('--local lists the queues of the local runtime on PORT, with no AWS configuration', async () => {
    const run = await dlq(['list', '--local'], { PORT: new URL(stack.endpoint).port, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });

    expect(run.code).toBe(0);
    expect(lines(run.stdout)[0]).toBe(`target: the local runtime at ${stack.endpoint}`);
    expect(run.stdout).toMatch(/^users-fanout-dev-welcome-email-dlq: empty$/m);
    // At most one line about the host's Node.js, never the SDK's own 8-line warning.
    expect(run.stderr === '' ? [] : lines(run.stderr)).toEqual(
      Number(process.versions.node.split('.')[0]) < 22 ? [expect.stringMatching(/^note: Node\.js v[\d.]+ runs these tools fine until/)] : [],
    );
  });

  test('--local says in one line that the local runtime is not running when nothing answers on PORT', async () => {
    const url = await unreachableLoopbackUrl();

    const run = await dlq(['list', '--local'], { PORT: new URL(url).port });

    expect(run.code).toBe(1);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^dlq: nothing answers at ${url} \\(.*ECONNREFUSED.*\\): is the local runtime running\\? Start it with npm start \\(PORT sets its port\\)$`)),
    ]);
  });

  test('in AWS, it names the account, the caller and the region before it reads any queue', async () => {
    const run = await dlq(['list'], { ...AWS_CREDENTIALS, AWS_ENDPOINT_URL_STS: sts.url, AWS_ENDPOINT_URL_SQS: stack.endpoint });

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lines(run.stdout)[0]).toBe(`target: AWS account ${CALLER.account}, region us-east-1 (as ${CALLER.arn})`);
    expect(run.stdout).toMatch(/^users-fanout-dev-audit-log-dlq: empty$/m);
  });

  test('when AWS cannot be reached, it says in one line how to target the local runtime, and reads nothing', async () => {
    const run = await dlq(['list'], { ...AWS_CREDENTIALS, AWS_ENDPOINT_URL_STS: await unreachableLoopbackUrl(), AWS_ENDPOINT_URL_SQS: stack.endpoint });

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^dlq: cannot reach AWS \(connect ECONNREFUSED [^)]*\)\. To use the local runtime instead, add --local \(npm start serves http:\/\/127\.0\.0\.1:4566\)$/),
    ]);
  });
});
