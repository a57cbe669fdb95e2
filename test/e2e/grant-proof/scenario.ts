import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serviceCredentials } from '../../../local/iam/credentials';
import type { RecordedDenial } from '../../../local/iam';
import type { LocalModel } from '../../../local/model/types';
import { runDlqCommand } from '../../../scripts/dlq/command';
import { startInProcessRuntime, type InProcessRuntime } from '../../../support/in-process-runtime';
import { freshUserCreatedEvent } from '../../../support/lambda-events';
import { auditRecordsOf } from '../../../support/observers/audit-log';
import { mailTo } from '../../../support/observers/mail';
import { PROJECT_DIR } from '../../../support/project';
import { stackNames } from '../../../support/stack-names';
import { userItem } from '../../../support/users';
import { waitFor } from '../../../support/waiting';

/** How a run of the scenario ended: refused (the first denial), through to the end, or broken for another reason. */
export type ScenarioOutcome =
  | { kind: 'refused'; denial: RecordedDenial; step: string; ms: number }
  | { kind: 'completed'; ms: number }
  | { kind: 'failed'; error: string; step: string; ms: number; logTail: string[] };

const names = stackNames();
/** The functions whose failures fill the dead-letter queues in the first phase. */
const FAILING_FUNCTIONS = [names.functions.userCreatedEnrichment, names.functions.auditLog];
const QUEUE = {
  userCreatedDlq: names.deadLetterQueues.userCreatedPipe,
  rejectedUsers: names.deadLetterQueues.rejectedUsers,
  auditLogDlq: names.deadLetterQueues.auditLog,
};
/** A step the real template finishes in seconds; a copy that hangs without a denial has failed for another reason. */
const STEP_TIMEOUT_MS = 30_000;

class Refused extends Error {
  constructor(readonly denial: RecordedDenial) {
    super(denial.message);
  }
}

/**
 * Everything the template's principals do, on one assembly, stopping at the first refusal: what the grant proof runs
 * with one statement removed. Phase one runs with the enrichments and the audit-log function failing, so every dead-
 * letter path is taken for real (the pipes' DLQs, the function's on-failure destination) and EventBridge's rule DLQs
 * get what EventBridge writes there, sent as the service for the rule; phase two restarts on the same state without
 * faults and does what operators do: `npm run dlq` lists and redrives every queue, as the operator role; then a new
 * valid and a new invalid user go through the pipeline.
 */
export async function runScenario(cdkOutDir: string): Promise<ScenarioOutcome> {
  const started = Date.now();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'grant-proof-'));
  const run = new ScenarioRun(cdkOutDir, stateDir);
  try {
    await run.phaseOne();
    await run.phaseTwo();
    run.check();
    return { kind: 'completed', ms: Date.now() - started };
  } catch (error) {
    const denial = error instanceof Refused ? error.denial : run.firstDenial();
    if (denial) return { kind: 'refused', denial, step: run.step, ms: Date.now() - started };
    return { kind: 'failed', error: error instanceof Error ? error.message : String(error), step: run.step, ms: Date.now() - started, logTail: run.logTail() };
  } finally {
    await run.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

class ScenarioRun {
  step = 'starting';
  private stack: InProcessRuntime | undefined;
  private readonly logs: string[] = [];

  constructor(
    private readonly cdkOutDir: string,
    private readonly stateDir: string,
  ) {}

  async phaseOne(): Promise<void> {
    const stack = await this.start(true);
    this.at('writing a valid and an invalid user');
    await this.insert('proof-batch', 'proof-batch@example.com');
    await this.insert('proof-rejected', 'not-an-email');
    this.at('publishing a UserCreated as the operator');
    const direct = freshUserCreatedEvent('proof-direct', 'proof-direct@example.com');
    const published = await stack.clients.eventBridge.send(
      new PutEventsCommand({ Entries: [{ Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: JSON.stringify(direct.detail), EventBusName: names.eventBus }] }),
    );
    if (published.FailedEntryCount) throw new Error(`PutEvents failed: ${JSON.stringify(published.Entries)}`);
    this.at("writing to each rule target's DLQ as EventBridge");
    await this.seedRuleDeadLetters(stack.runtime.model);
    this.at('waiting for the welcome email of the published event');
    await this.until('the welcome email to proof-direct', async () => (await mailTo(stack.endpoint, 'proof-direct@example.com')).length > 0);
    this.at('waiting for the failures in the dead-letter queues');
    // Both users' records, in however many batches bisection left them, so the redrive replays the invalid one too.
    await this.until(`both records in ${QUEUE.userCreatedDlq}`, async () => (await this.deadLetteredRecords(QUEUE.userCreatedDlq)) === 2);
    await this.until("the audit-log function's failure and the rule's in its DLQ", async () => (await this.bodies(QUEUE.auditLogDlq)).length >= 2);
    await this.restart();
  }

  async phaseTwo(): Promise<void> {
    const stack = await this.start(false);
    this.at("redriving the pipe's DLQ");
    await this.dlq('redrive', 'user-created-dlq');
    this.at('redriving the subscribers’ DLQs');
    await this.dlq('redrive', 'welcome-email');
    await this.dlq('redrive', QUEUE.auditLogDlq);
    this.at('listing the queues, with the rejected user read from the table');
    await this.until('the rejected user in the rejected-users queue', async () => (await this.bodies(QUEUE.rejectedUsers)).length > 0);
    await this.dlq('list', '--show-personal-data');
    this.at('fixing the rejected user and redriving it');
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId: 'proof-rejected', email: 'proof-fixed@example.com' }) }));
    await this.dlq('redrive', 'rejected-users');
    this.at('writing a new valid and a new invalid user');
    await this.insert('proof-fresh', 'proof-fresh@example.com');
    await this.insert('proof-fresh-rejected', 'not-an-email');
    this.at('waiting for every email and audit record');
    for (const user of ['proof-batch', 'proof-queued', 'proof-fixed', 'proof-fresh']) {
      await this.until(`the welcome email to ${user}`, async () => (await mailTo(stack.endpoint, `${user}@example.com`)).length > 0);
    }
    for (const user of ['proof-batch', 'proof-direct', 'proof-direct-rule', 'proof-fresh']) {
      await this.until(`the audit record of ${user}`, async () => ((await this.auditRecords(user)) > 0));
    }
    await this.until('the new invalid user in the rejected-users queue', async () => (await this.bodies(QUEUE.rejectedUsers)).length > 0);
  }

  /** Throws the first denial, if any. */
  check(): void {
    const denial = this.firstDenial();
    if (denial) throw new Refused(denial);
  }

  firstDenial(): RecordedDenial | undefined {
    return this.stack?.runtime.iam.denials()[0];
  }

  logTail(): string[] {
    return this.logs.slice(-15);
  }

  async stop(): Promise<void> {
    const stack = this.stack;
    this.stack = undefined;
    await stack?.stop();
  }

  private at(step: string): void {
    this.check();
    this.step = step;
  }

  private async start(failing: boolean): Promise<InProcessRuntime> {
    this.at(failing ? 'starting, with the enrichments and the audit-log function failing' : 'starting again, without faults');
    const stack = await startInProcessRuntime({
      cdkOutDir: this.cdkOutDir,
      stateDir: this.stateDir,
      logSink: (line) => this.logs.push(line),
      ...(failing ? { faults: { lambda: { failShare: 1, functionNames: FAILING_FUNCTIONS } } } : {}),
    });
    this.stack = stack;
    this.check();
    return stack;
  }

  private async restart(): Promise<void> {
    this.check();
    await this.stop();
  }

  private get current(): InProcessRuntime {
    if (!this.stack) throw new Error('The runtime is not running');
    return this.stack;
  }

  /** Waits for `probe`, stopping at the first denial. */
  private async until(what: string, probe: () => Promise<boolean>): Promise<void> {
    await waitFor(
      what,
      async () => {
        this.check();
        return probe();
      },
      { timeoutMs: STEP_TIMEOUT_MS, intervalMs: 100 },
    );
  }

  private async insert(userId: string, email: string): Promise<void> {
    await this.current.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId, email }) }));
  }

  /** The bodies of the messages in a queue, as the operator sees them, without hiding any. */
  private async bodies(queueName: string): Promise<string[]> {
    const { sqs } = this.current.clients;
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
    const seen = new Map<string, string>();
    for (let round = 0; round < 3; round++) {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
      for (const message of Messages) seen.set(message.MessageId as string, message.Body as string);
    }
    return [...seen.values()];
  }

  /** How many stream records a pipe's DLQ holds, over its batches. */
  private async deadLetteredRecords(queueName: string): Promise<number> {
    const batches = (await this.bodies(queueName)).map((body) => JSON.parse(body) as { DDBStreamBatchInfo: { batchSize: number } });
    return batches.reduce((total, batch) => total + batch.DDBStreamBatchInfo.batchSize, 0);
  }

  private async auditRecords(userId: string): Promise<number> {
    return (await auditRecordsOf(this.current.clients.dynamodb, names.auditLogTable, userId)).length;
  }

  /** `npm run dlq`, in-process, as the operator role; anything but success stops the scenario. */
  private async dlq(...argv: string[]): Promise<void> {
    const out: string[] = [];
    const status = await runDlqCommand([...argv, '--endpoint-url', this.current.endpoint], {
      env: {},
      print: (line) => out.push(line),
      printError: (line) => out.push(line),
      projectDir: PROJECT_DIR,
    });
    this.check();
    if (status !== 0) throw new Error(`npm run dlq -- ${argv.join(' ')} exited ${status}: ${out.slice(-3).join(' | ')}`);
  }

  /** What EventBridge writes to each rule target's DLQ when a delivery fails, sent as EventBridge for that rule. */
  private async seedRuleDeadLetters(model: LocalModel): Promise<void> {
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    for (const rule of model.rules) {
      for (const target of rule.targets) {
        if (target.deadLetterArn === undefined) continue;
        const userId = target.kind === 'sqs' ? 'proof-queued' : 'proof-direct-rule';
        const credentials = serviceCredentials({ service: 'events.amazonaws.com', sourceArn: rule.arn, sourceAccount: model.account });
        const sqs = new SQSClient({ endpoint: this.current.endpoint, region: model.region, credentials });
        try {
          await sqs.send(
            new SendMessageCommand({
              QueueUrl: `${this.current.endpoint}/${model.account}/${target.deadLetterArn.split(':').pop()}`,
              MessageBody: JSON.stringify(freshUserCreatedEvent(userId, `${userId}@example.com`)),
              MessageAttributes: {
                RULE_ARN: text(rule.arn),
                TARGET_ARN: text(target.arn),
                ERROR_CODE: text('SDK_CLIENT_ERROR'),
                ERROR_MESSAGE: text('The target was unavailable'),
                EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttemptsExhausted'),
                RETRY_ATTEMPTS: text('10'),
              },
            }),
          );
        } finally {
          sqs.destroy();
        }
      }
    }
  }
}
