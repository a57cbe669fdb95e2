import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AS_IS_NOTE } from '../../../events/cli/run';
import { CALLER, fakeSts, loopbackServer, unreachableLoopbackUrl, type LoopbackServer } from '../../../support/loopback-servers';
import { PROJECT_DIR } from '../../../support/project';

const root = PROJECT_DIR;
const tsxCli = require.resolve('tsx/cli');
const sample = join(root, 'events', 'samples', 'user-created.json');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real command as a user would, with no AWS configuration beyond what the test gives it (a variable set
 * to undefined is left out). Nothing leaves the machine: no instance metadata, and every endpoint is on loopback.
 */
function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const environment = {
    PATH: process.env.PATH ?? '',
    HOME: mkdtempSync(join(tmpdir(), 'put-events-home-')),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, join(root, 'events', 'put-events.ts'), ...args], {
      cwd: root,
      env: Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined)),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.trimEnd().split('\n');
const AWS_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'eu-west-1' };

describe('npm run put-events (the real command)', () => {
  let eventBridge: LoopbackServer;
  const targets: (string | undefined)[] = [];

  beforeAll(async () => {
    eventBridge = await loopbackServer((body, response, request) => {
      targets.push(request.headers['x-amz-target'] as string | undefined);
      const { Entries } = JSON.parse(body) as { Entries: unknown[] };
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      response.end(JSON.stringify({ FailedEntryCount: 0, Entries: Entries.map((_, index) => ({ EventId: `evt-${index}` })) }));
    });
  });
  afterAll(() => eventBridge.close());
  beforeEach(() => {
    eventBridge.bodies.length = 0;
    targets.length = 0;
  });

  it('rejects a malformed file with one line on stderr, no stack trace, exit code 2', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'put-events-')), 'broken.json');
    writeFileSync(path, '[{"Source": "users-fanout.users",');

    const run = await runCli([path]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^put-events: .*broken\.json: not valid JSON \(.+\)$/)]);
  });

  it('--local sends to the local runtime on PORT, with no AWS configuration needed', async () => {
    const run = await runCli(['--sample', 'user-created', '--local', '--bus', 'users-fanout-test'], { PORT: new URL(eventBridge.url).port });

    expect(lines(run.stdout)).toEqual([`target: the local runtime at ${eventBridge.url}`, 'entry 0: EventId evt-0', '1 sent, 0 failed']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(targets).toEqual(['AWSEvents.PutEvents']);
    expect((JSON.parse(eventBridge.bodies[0]) as { Entries: { EventBusName: string }[] }).Entries[0].EventBusName).toBe('users-fanout-test');
  });

  it('says in one line that the local runtime is not running when nothing answers on PORT', async () => {
    const url = await unreachableLoopbackUrl();

    const run = await runCli([sample, '--local'], { PORT: new URL(url).port });

    expect(run.code).toBe(1);
    expect(lines(run.stdout)).toEqual([
      `target: the local runtime at ${url}`,
      AS_IS_NOTE,
      expect.stringMatching(/^entry 0: FAILED Error: connect ECONNREFUSED/),
      '0 sent, 1 failed',
    ]);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^put-events: nothing answers at ${url} \\(connect ECONNREFUSED .*\\): is the local runtime running\\? Start it with npm start \\(PORT sets its port\\)$`)),
    ]);
  });

  it('in AWS, names the account, the caller and the region before it sends anything', async () => {
    const sts = await fakeSts();
    try {
      const run = await runCli([sample], { ...AWS_CREDENTIALS, AWS_ENDPOINT_URL_STS: sts.url, AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.url });

      expect(lines(run.stdout)).toEqual([
        `target: AWS account ${CALLER.account}, region eu-west-1 (as ${CALLER.arn})`,
        AS_IS_NOTE,
        'entry 0: EventId evt-0',
        '1 sent, 0 failed',
      ]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(sts.bodies).toHaveLength(1);
    } finally {
      await sts.close();
    }
  });

  it('when AWS cannot be reached, says in one line how to target the local runtime, and sends nothing', async () => {
    const run = await runCli([sample], { ...AWS_CREDENTIALS, AWS_ENDPOINT_URL_STS: await unreachableLoopbackUrl(), AWS_ENDPOINT_URL_EVENTBRIDGE: eventBridge.url });

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^put-events: cannot reach AWS \(connect ECONNREFUSED [^)]*\)\. To use the local runtime instead, add --local \(npm start serves http:\/\/127\.0\.0\.1:4566\)$/),
    ]);
    expect(targets).toEqual([]);
  });

  it('with no AWS configuration at all, says so in one line, and how to target the local runtime', async () => {
    const run = await runCli([sample], { PORT: '4601' });

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(lines(run.stderr)).toEqual([
      'put-events: no AWS region is configured (set AWS_REGION or pass --region). To use the local runtime instead, add --local (npm start serves http://127.0.0.1:4601)',
    ]);
  });

  it("replaces the AWS SDK's 8-line Node.js version warning with one line, on a Node.js the SDK will drop", async () => {
    const run = await runCli(['--sample', 'user-created', '--local'], { PORT: new URL(eventBridge.url).port, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined });

    const olderThan22 = Number(process.versions.node.split('.')[0]) < 22;
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('NodeVersionSupportWarning');
    expect(run.stderr === '' ? [] : lines(run.stderr)).toEqual(
      olderThan22 ? [expect.stringMatching(/^note: Node\.js v\d+\.\d+\.\d+ runs these tools fine until AWS SDK releases from January 2027, which need Node\.js 22\+/)] : [],
    );
  });
});
