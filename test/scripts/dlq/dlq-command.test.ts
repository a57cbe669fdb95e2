import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { subscribers } from '../../../cdk/subscribers';
import { runDlqCommand } from '../../../scripts/dlq/command';
import { type InProcessRuntime, startInProcessRuntime } from '../../../support/in-process-runtime';
import { freshUserCreatedEvent } from '../../../support/lambda-events';
import { auditRecordsOf } from '../../../support/observers/audit-log';
import { mailTo } from '../../../support/observers/mail';
import { PROJECT_DIR } from '../../../support/project';
import { stackNames } from '../../../support/stack-names';
import { userItem } from '../../../support/users';
import { waitFor } from '../../../support/waiting';
import { bodiesIn, DLQ, FUNCTION, seedRuleDeliveryFailure, waitForMessages } from './dlq-queues';

const names = stackNames();

const run = promisify(execFile);

/**
 * `npm run dlq` against the local runtime. Phase one runs with the main pipe's enrichment and the audit-log
 * function failing, so messages reach their DLQs through the real paths; phase two restarts the runtime on the
 * same state without faults, and redrive sends them through again.
 */
describe('dlq list and redrive against the local runtime', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dlq-command-'));
  let stack: InProcessRuntime;
  let running: InProcessRuntime | undefined;
  const start = async (options: Parameters<typeof startInProcessRuntime>[0]) => {
    stack = running = await startInProcessRuntime(options);
  };
  const stop = async () => {
    const stopping = running;
    running = undefined;
    await stopping?.stop();
  };

  const dlq = async (...argv: string[]) => {
    const out: string[] = [];
    const errors: string[] = [];
    const status = await runDlqCommand([...argv, '--endpoint-url', stack.endpoint], {
      env: {},
      print: (line) => out.push(line),
      printError: (line) => errors.push(line),
      projectDir: PROJECT_DIR,
    });
    return { status, out: out.join('\n'), errors: errors.join('\n') };
  };
  const depthOf = async (queue: string) => (await bodiesIn(stack.clients.sqs, queue)).length;
  const deadLetteredRecordCount = async (queue: string) =>
    (await bodiesIn(stack.clients.sqs, queue))
      .map((body) => (JSON.parse(body) as { DDBStreamBatchInfo: { batchSize: number } }).DDBStreamBatchInfo.batchSize)
      .reduce((total, size) => total + size, 0);
  const auditRecords = (userId: string) => auditRecordsOf(stack.clients.dynamodb, names.auditLogTable, userId);
  const waitForMail = (address: string) =>
    waitFor(`the welcome email to ${address}`, async () => ((await mailTo(stack.endpoint, address)).length > 0 ? true : undefined));

  afterAll(async () => {
    await stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  describe('phase one: failures fill the DLQs', () => {
    beforeAll(async () => {
      await start({
        stateDir,
        faults: {
          lambda: {
            failShare: 1,
            functionNames: [FUNCTION.userCreatedEnrichment, FUNCTION.auditLog],
          },
        },
      });
      await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'dlq-batch', email: 'dlq-batch@example.com' }) }));
      await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'dlq-rejected', email: 'not-an-email' }) }));
      const direct = freshUserCreatedEvent('dlq-direct', 'dlq-direct@example.com');
      await stack.clients.eventBridge.send(
        new PutEventsCommand({ Entries: [{ Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: JSON.stringify(direct.detail), EventBusName: names.eventBus }] }),
      );
      await seedRuleDeliveryFailure(stack.endpoint, DLQ.welcomeEmail, freshUserCreatedEvent('dlq-queued', 'dlq-queued@example.com'), 'arn:aws:sqs:us-east-1:000000000000:users-fanout-dev-welcome-email');

      // Both users' records, the valid one and the invalid one, in however many batches bisection left them.
      await waitFor(`both records in ${DLQ.userCreated}`, async () => ((await deadLetteredRecordCount(DLQ.userCreated)) === 2 ? true : undefined));
      await waitForMessages(stack.clients.sqs, DLQ.auditLog, (body) => body.includes('dlq-direct'));
    });

    test('list shows every queue with its count, and each entry with its error, attempts and path', async () => {
      const before = await Promise.all(Object.values(DLQ).map(depthOf));

      const { status, out, errors } = await dlq('list');

      expect(errors).toBe('');
      expect(status).toBe(0);
      for (const queue of Object.values(DLQ)) expect(out).toMatch(new RegExp(`^${queue}: `, 'm'));
      expect(out).toMatch(/^users-fanout-dev-rejected-users: empty$/m);
      expect(out).toMatch(/^users-fanout-dev-welcome-email-dlq: 1 message$/m);
      // The pipe's batch: where it sits in the stream, read back to show which records it holds.
      expect(out).toMatch(/error:\s+RetryAttemptsExhausted/);
      expect(out).toMatch(/batch:\s+sequence numbers \d+…\d+, \d+ records?/);
      expect(out).toMatch(/records:\s+\d+ in the stream: INSERT \{"userId":"dlq-batch"\}/);
      expect(out).toMatch(/records:\s+\d+ in the stream: .*INSERT \{"userId":"dlq-rejected"\}/);
      // The rule target's failure, with the error and attempts EventBridge recorded.
      expect(out).toContain('error:    SDK_CLIENT_ERROR: Queue is unavailable for ***@example.com');
      expect(out).toContain('attempts: 10 (MaximumRetryAttemptsExhausted)');
      expect(out).toMatch(/event:\s+UserCreated from users-fanout\.users/);
      expect(out).toMatch(/detail:\s+\{.*"userId":"dlq-queued"/);
      // Lambda's on-failure record: the function's error and its invoke count.
      expect(out).toMatch(/from:\s+function arn:aws:lambda:us-east-1:000000000000:function:users-fanout-dev-audit-log:\$LATEST/);
      expect(out).toMatch(/attempts: 3 \(RetriesExhausted\)/);
      expect(out).not.toMatch(/dlq-(queued|direct|batch)@example\.com|not-an-email/);
      expect(await Promise.all(Object.values(DLQ).map(depthOf))).toEqual(before);
    });

    test('list --show-personal-data prints addresses as they are', async () => {
      const { out } = await dlq('list', '--show-personal-data');

      expect(out).toContain('"email":"dlq-queued@example.com"');
      expect(out).toContain('Queue is unavailable for dlq-test@example.com');
    });

    test('a redrive whose resend fails deletes nothing and exits non-zero', async () => {
      const before = await depthOf(DLQ.userCreated);

      const { status, out } = await dlq('redrive', 'user-created');

      expect(status).toBe(1);
      expect(out).toMatch(/✗ .* stays in the queue: enrichment users-fanout-dev-user-created-enrichment failed/);
      expect(out).toContain(`${DLQ.userCreated}: 0 redriven, ${before} failed, 0 kept`);
      expect(await depthOf(DLQ.userCreated)).toBe(before);
    });

    test('an unknown name is refused with the valid names', async () => {
      const { status, errors } = await dlq('redrive', 'welcome-mail');

      expect(status).toBe(2);
      expect(errors).toContain('No dead-letter queue is called "welcome-mail"');
      for (const name of ['user-created-dlq', 'rejected-users', 'welcome-email-dlq', 'welcome-email', 'audit-log', 'user-created']) expect(errors).toContain(name);
    });

    afterAll(stop);
  });

  describe('phase two: redrive sends each message back through its path', () => {
    beforeAll(async () => {
      await start({ stateDir });
    });

    test('a pipe DLQ batch is read back from the stream and published: the user gets the email and the audit record', async () => {
      expect(await mailTo(stack.endpoint, 'dlq-batch@example.com')).toHaveLength(0);

      const { status, out } = await dlq('redrive', 'user-created-dlq');

      expect(status).toBe(0);
      expect(out).toMatch(/✓ .*records read back from the stream, \d+ sent on by pipe users-fanout-dev-user-created's path/);
      await waitForMail('dlq-batch@example.com');
      await waitFor('the audit record of dlq-batch', async () => ((await auditRecords('dlq-batch')).length === 1 ? true : undefined));
      expect(await depthOf(DLQ.userCreated)).toBe(0);
    });

    test('the same redrive parks the invalid record of the batch in the rejected-users queue, with its keys and reason', async () => {
      const [rejected] = await waitForMessages(stack.clients.sqs, DLQ.rejectedUsers, (body) => body.includes('dlq-rejected'));
      const kept = JSON.parse(rejected) as { record: { dynamodb: Record<string, unknown> } };
      expect(kept).toMatchObject({ reason: expect.stringMatching(/email/i), record: { eventName: 'INSERT', dynamodb: { Keys: { userId: { S: 'dlq-rejected' } } } } });
      // The queue keeps the keys and the reason; the image, with the address, stays in the table.
      expect(kept.record.dynamodb).not.toHaveProperty('NewImage');
      expect(rejected).not.toContain('not-an-email');
    });

    test('list shows the rejected record with its keys and reason, and reads its item from the table only when asked', async () => {
      const plain = (await dlq('list')).out;
      const shown = (await dlq('list', '--show-personal-data')).out;

      expect(plain).toMatch(/^users-fanout-dev-rejected-users: 1 message$/m);
      expect(plain).toMatch(/reason:\s+.*email/i);
      expect(plain).toMatch(/keys:\s+\{"userId":"dlq-rejected"\}/);
      expect(plain).toContain(`item:     in ${names.usersTable}, not kept here (--show-personal-data reads it)`);
      expect(plain).not.toContain('not-an-email');
      expect(shown).toMatch(/item:\s+\{.*"userId":"dlq-rejected".*"email":"not-an-email"/);
    });

    test('a queued subscriber event goes back to its delivery queue: the email is sent and the DLQ is empty', async () => {
      const { status, out } = await dlq('redrive', 'welcome-email');

      expect(status).toBe(0);
      expect(out).toContain('event sent back to queue users-fanout-dev-welcome-email');
      await waitForMail('dlq-queued@example.com');
      expect(await mailTo(stack.endpoint, 'dlq-queued@example.com')).toHaveLength(1);
      expect(await depthOf(DLQ.welcomeEmail)).toBe(0);
    });

    test('a direct subscriber event is handed to its function again: the audit record is written', async () => {
      const { status } = await dlq('redrive', DLQ.auditLog);

      expect(status).toBe(0);
      await waitFor('the audit record of dlq-direct', async () => ((await auditRecords('dlq-direct')).length === 1 ? true : undefined));
      expect(await depthOf(DLQ.auditLog)).toBe(0);
    });

    test('a rejected record that is still invalid is parked again by the enrichment, with its reason, in place of the old message', async () => {
      const [before] = await bodiesIn(stack.clients.sqs, DLQ.rejectedUsers);

      const { status, out } = await dlq('redrive', 'rejected-users');

      expect(status).toBe(0);
      expect(out).toMatch(/✓ .*still not a valid event; pipe users-fanout-dev-user-created's enrichment parked it again/);
      expect(out).toContain(`${DLQ.rejectedUsers}: 1 redriven, 0 failed, 0 kept`);
      const after = await bodiesIn(stack.clients.sqs, DLQ.rejectedUsers);
      expect(after).toHaveLength(1);
      expect(JSON.parse(after[0])).toEqual(JSON.parse(before));
    });

    test('a rejected record fixed in the table is replayed with the item as it is now: the user gets the email', async () => {
      await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'dlq-rejected', email: 'dlq-fixed@example.com' }) }));

      const { status, out } = await dlq('redrive', 'rejected-users');

      expect(status).toBe(0);
      expect(out).toContain(`${DLQ.rejectedUsers}: 1 redriven, 0 failed, 0 kept`);
      await waitForMail('dlq-fixed@example.com');
      expect(await depthOf(DLQ.rejectedUsers)).toBe(0);
    });

    test('the CLI runs as a command, with the endpoint from AWS_ENDPOINT_URL', async () => {
      const { stdout } = await run(path.join(PROJECT_DIR, 'node_modules/.bin/tsx'), ['scripts/dlq/cli.ts', 'list'], {
        cwd: PROJECT_DIR,
        env: { ...process.env, AWS_ENDPOINT_URL: stack.endpoint, AWS_REGION: 'us-east-1' },
      });

      // The pipe's DLQ and the rejected-users queue, then one DLQ per subscriber.
      const queueCount = 2 + subscribers.length;
      expect(stdout).toMatch(/^users-fanout-dev-welcome-email-dlq: empty$/m);
      expect(stdout).toMatch(/^users-fanout-dev-rejected-users: empty$/m);
      expect(stdout).toContain(`\n0 messages in ${queueCount} queues\n`);
    });
  });
});
