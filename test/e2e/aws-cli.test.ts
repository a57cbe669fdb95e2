import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderBanner, type BannerExample } from '../../local/cli/banner';
import { type InProcessRuntime, startInProcessRuntime } from '../../support/in-process-runtime';
import { auditRecordsOf } from '../../support/observers/audit-log';
import { capturedMail, mailTo } from '../../support/observers/mail';
import { PROJECT_DIR } from '../../support/project';
import { stackNames } from '../../support/stack-names';
import { waitFor } from '../../support/waiting';
import { commandLines, readmeBlock } from './readme-blocks';

const names = stackNames();

/**
 * The AWS CLI, unmodified, against the local endpoint: the README's walk-through and the banner's commands exactly as
 * a reader copies them, with the endpoint's port in place of 4566, and a script of further CLI checks. It runs once
 * per distinct CLI on the machine: $AWS_CLI, Debian's awscli (/usr/bin/aws, what .ci/run installs) and the `aws` on
 * PATH (pip's v1, on some machines). No AWS variable or file of the user's applies: the commands' own exports must do.
 */
interface AwsCli {
  path: string;
  version: string;
}

const README_ENDPOINT = 'http://127.0.0.1:4566';

function installedClis(): AwsCli[] {
  const onPath = spawnSync('bash', ['-c', 'command -v aws'], { encoding: 'utf8' }).stdout.trim();
  const found = new Map<string, AwsCli>();
  for (const candidate of [process.env.AWS_CLI, '/usr/bin/aws', onPath]) {
    if (!candidate) continue;
    const run = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    const version = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim().split(' ')[0];
    if (run.status === 0 && !found.has(version)) found.set(version, { path: candidate, version });
  }
  return [...found.values()];
}

const clis = installedClis();
if (clis.length === 0) console.warn('The AWS CLI is not installed (apt-get install awscli): the AWS CLI tests are skipped.');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** What a reader's terminal gives the commands: this process's environment without any AWS setting, and `aws` first on PATH. */
function readerEnvironment(cli: AwsCli, endpoint: string): NodeJS.ProcessEnv {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'aws-cli-'));
  fs.symlinkSync(cli.path, path.join(bin, 'aws'));
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && name !== 'JEST_WORKER_ID' && name !== 'PORT');
  return {
    ...Object.fromEntries(inherited),
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    AWS_CONFIG_FILE: path.join(bin, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(bin, 'no-credentials'),
    AWS_PAGER: '',
    // `--local` finds the runtime where `npm start` in the same shell would put it.
    PORT: new URL(endpoint).port,
  };
}

/** Runs one command line in bash, after the block's export line, as a reader pastes it. Asynchronous: the endpoint runs in this process. */
function runAsPasted(commandLine: string, exportLine: string, env: NodeJS.ProcessEnv, endpoint: string): Promise<Run> {
  const script = `set -e\n${exportLine}\n${commandLine.replaceAll(README_ENDPOINT, endpoint)}`;
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: PROJECT_DIR, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

/** A command's stderr may hold npm's own notices and the one-line Node.js note, never a warning block or a stack trace. */
function expectNoNoise(run: Run): void {
  expect(run.stderr).not.toMatch(/NodeVersionSupportWarning|^\s+at .+:\d+:\d+\)?$/m);
}

async function rejectedUserIds(stack: InProcessRuntime): Promise<string[]> {
  const { QueueUrl } = await stack.clients.sqs.send(new GetQueueUrlCommand({ QueueName: names.deadLetterQueues.rejectedUsers }));
  const { Messages = [] } = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
  return Messages.map((message) => (JSON.parse(message.Body ?? '{}') as { record: { dynamodb: { Keys: { userId: { S: string } } } } }).record.dynamodb.Keys.userId.S);
}

/** What each README command must do, checked once it has run; every command must have exactly one. */
interface Step {
  command: RegExp;
  check(run: Run, stack: InProcessRuntime): Promise<void>;
}

const WALKTHROUGH_STEPS: Step[] = [
  {
    command: /^aws dynamodb put-item .*"u-100"/,
    // A reader looks at the next step a moment later; the test waits for what that step reads.
    check: async (_run, stack) => {
      await waitFor("Ada's welcome email", async () => ((await mailTo(stack.endpoint, 'ada@example.com')).length > 0 ? true : undefined));
      await waitFor("Ada's audit record", async () => ((await auditRecordsOf(stack.clients.dynamodb, names.auditLogTable, 'u-100')).length > 0 ? true : undefined));
    },
  },
  {
    command: /^curl http:\/\/127\.0\.0\.1:4566\/_aws\/ses\b/,
    check: async (run) => {
      const { messages } = JSON.parse(run.stdout) as { messages: Array<{ Destination: { ToAddresses: string[] }; Subject: string }> };
      expect(messages).toEqual([expect.objectContaining({ Destination: { ToAddresses: ['ada@example.com'] }, Subject: 'Welcome, Ada!' })]);
    },
  },
  {
    command: /^aws dynamodb query .*users-fanout-dev-audit-log/,
    check: async (run) => {
      const result = JSON.parse(run.stdout) as { Count: number; Items: Array<Record<string, { S: string }>> };
      expect(result.Count).toBe(1);
      expect(result.Items[0]).toMatchObject({ userId: { S: 'u-100' }, emailHmac: { S: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(run.stdout).not.toContain('ada@example.com');
    },
  },
  {
    command: /^npm run put-events -- --local --sample user-created$/,
    check: async (run, stack) => {
      expect(run.stdout).toContain(`target: the local runtime at ${stack.endpoint}\n`);
      expect(run.stdout).toMatch(/^entry 0: EventId \S+\n1 sent, 0 failed$/m);
      expectNoNoise(run);
      await waitFor("the sample user's welcome email", async () =>
        (await capturedMail(stack.endpoint)).some((mail) => /^alan\+[0-9a-f]{8}@example\.com$/.test(mail.Destination.ToAddresses[0])) ? true : undefined,
      );
    },
  },
  {
    command: /^aws dynamodb put-item .*"u-101"/,
    check: async (_run, stack) => {
      await waitFor('the rejected record of u-101', async () => ((await rejectedUserIds(stack)).includes('u-101') ? true : undefined));
    },
  },
  {
    command: /^npm run dlq -- list --local$/,
    check: async (run, stack) => {
      expect(run.stdout).toContain(`target: the local runtime at ${stack.endpoint}\n`);
      expect(run.stdout).toMatch(/^users-fanout-dev-rejected-users: 1 message$/m);
      expect(run.stdout).toMatch(/keys: +\{"userId":"u-101"\}/);
      expectNoNoise(run);
    },
  },
];

/** Runs a block's commands one by one, each with the block's export line, and each one's check right after it. */
async function runBlock(exportLine: string, commands: string[], steps: Step[], cli: AwsCli, stack: InProcessRuntime): Promise<void> {
  expect(exportLine).toMatch(/^export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1$/);
  const env = readerEnvironment(cli, stack.endpoint);
  const unchecked = [...steps];
  for (const command of commands) {
    const step = unchecked.find((candidate) => candidate.command.test(command));
    if (!step) throw new Error(`No check for the command "${command}" (or it appears twice): add one to the AWS CLI test`);
    unchecked.splice(unchecked.indexOf(step), 1);
    const run = await runAsPasted(command, exportLine, env, stack.endpoint);
    expect({ command, ...run }).toMatchObject({ command, code: 0 });
    await step.check(run, stack);
  }
  expect(unchecked.map((step) => String(step.command))).toEqual([]);
}

const describeEachCli = clis.length > 0 ? describe.each(clis) : describe.skip.each([{ path: 'aws', version: 'not installed' }]);

describeEachCli('the AWS CLI ($version) against the local endpoint', (cli) => {
  let stack: InProcessRuntime;

  beforeEach(async () => {
    stack = await startInProcessRuntime();
    // Captured mail is one store per process, shared by every runtime this file starts: each test starts with none.
    expect((await fetch(`${stack.endpoint}/_aws/ses`, { method: 'DELETE' })).status).toBe(204);
  });
  afterEach(async () => {
    await stack?.stop();
  });

  test("the README's walk-through works as written, command by command", async () => {
    const [exportLine, ...commands] = commandLines(readmeBlock('walkthrough'));

    await runBlock(exportLine, commands, WALKTHROUGH_STEPS, cli, stack);
  });

  test("the banner's credentials and commands work as printed", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { localRuntime: { examples: BannerExample[] } };
    const banner = renderBanner(stack.runtime.model, pkg.localRuntime.examples, 0);
    const exportLine = /^ {2}Credentials: any values are the local administrator, e\.g\. (export .*)$/m.exec(banner)?.[1] ?? '';
    const commands = pkg.localRuntime.examples.map((example) => example.command.replaceAll('{endpoint}', stack.endpoint));
    for (const command of commands) expect(banner).toContain(`\n    ${command}\n`);

    await runBlock(exportLine, commands, [
      { command: /^aws dynamodb put-item .*"u-100"/, check: WALKTHROUGH_STEPS[0].check },
      {
        command: /^npm run put-events -- --sample user-created --endpoint-url http:\/\/127\.0\.0\.1:\d+$/,
        check: async (run) => {
          expect(run.stdout).toMatch(/^1 sent, 0 failed$/m);
          expectNoNoise(run);
        },
      },
    ], cli, stack);
  });

  test('put-item, get-item, put-events with the sample file (refused to the administrator, as a forged UserCreated) and test-event-pattern work unmodified', async () => {
    const operator = stack.operatorCredentials;
    const env = {
      ...readerEnvironment(cli, stack.endpoint),
      AWS_CLI: cli.path,
      OPERATOR_AWS_ACCESS_KEY_ID: operator.accessKeyId,
      OPERATOR_AWS_SECRET_ACCESS_KEY: operator.secretAccessKey,
      OPERATOR_AWS_SESSION_TOKEN: operator.sessionToken,
    };
    const run = await new Promise<Run>((resolve) =>
      execFile(path.join(__dirname, 'aws-cli.sh'), [stack.endpoint], { env }, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr })),
    );

    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('all AWS CLI checks passed') });
    await waitFor("the CLI-inserted user's welcome email", async () =>
      (await mailTo(stack.endpoint, 'cli-user@example.com')).length === 1 ? true : undefined,
    );
  });
});
