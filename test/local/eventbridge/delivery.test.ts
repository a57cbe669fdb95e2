import { createEventBridge } from '../../../local/eventbridge';
import { planFaults } from '../../../local/faults';
import type { RuleModel } from '../../../local/model/types';
import { createSqs, type LocalSqs } from '../../../local/sqs';
import { openStateStore, type StateStore } from '../../../local/storage/state-store';
import { ManualClock } from '../../../support/manual-clock';
import { waitFor } from '../../../support/waiting';
import {
  ACCOUNT,
  AUDIT_FUNCTION_ARN,
  BUS,
  QUEUES,
  REGION,
  RULES,
  RecordingLambda,
  USER_CREATED_PATTERN,
  queueArn,
  rule,
  target,
  temporaryDirectory,
  userCreatedEntry,
} from './support';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

const AUDIT_RULE = RULES.find((candidate) => candidate.name === 'user-created-to-audit') as RuleModel;

describe('EventBridge delivery to rule targets', () => {
  let store: StateStore;
  let sqs: LocalSqs;
  const logLines: string[] = [];

  beforeEach(() => {
    store = openStateStore(undefined);
    sqs = createSqs({ queues: QUEUES, store, endpoint: '', region: REGION, account: ACCOUNT });
    logLines.length = 0;
  });

  afterEach(async () => {
    await sqs.close();
    store.close();
  });

  function startBus(lambda: RecordingLambda, rules: RuleModel[] = [AUDIT_RULE], extra: Partial<Parameters<typeof createEventBridge>[0]> = {}) {
    return createEventBridge({
      buses: [BUS],
      rules,
      archives: [],
      store,
      sqs: sqs.port,
      lambda,
      region: REGION,
      account: ACCOUNT,
      retryDelays: [10, 20],
      logSink: (line) => logLines.push(line),
      ...extra,
    });
  }

  it('retries a failed delivery per the retry policy and then succeeds without dead-lettering', async () => {
    const lambda = new RecordingLambda(2);
    const bus = startBus(lambda);
    bus.port.putEvents([userCreatedEntry('u-1')], CALLER_WITHOUT_IAM);
    await waitFor('the third attempt to be accepted', () => lambda.accepted.length === 1);
    expect(lambda.attempts).toBe(3);
    expect(sqs.port.receive(queueArn('audit-dlq'), 10, CALLER_WITHOUT_IAM)).toEqual([]);
    await bus.close();
  });

  it('waits out the retry delay on its clock before trying a failed delivery again', async () => {
    const clock = new ManualClock();
    const lambda = new RecordingLambda(1);
    const bus = startBus(lambda, [AUDIT_RULE], { clock, retryDelays: [60_000] });
    bus.port.putEvents([userCreatedEntry('u-clocked')], CALLER_WITHOUT_IAM);
    await waitFor('the first attempt and its retry timer', () => lambda.attempts === 1 && clock.pendingTimers === 1);

    clock.advance(59_999);
    expect(lambda.attempts).toBe(1);
    clock.advance(1);
    await waitFor('the retry to be accepted', () => lambda.accepted.length === 1);
    expect(lambda.attempts).toBe(2);
    await bus.close();
  });

  it('sends the event to the target DLQ with the AWS attributes once retries are exhausted', async () => {
    const lambda = new RecordingLambda(Number.POSITIVE_INFINITY);
    const bus = startBus(lambda);
    const { Entries } = bus.port.putEvents([userCreatedEntry('u-2')], CALLER_WITHOUT_IAM);
    const [deadLetter] = await waitFor('a dead letter in audit-dlq', () => {
      const received = sqs.port.receive(queueArn('audit-dlq'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(lambda.attempts).toBe(3);
    const event = JSON.parse(deadLetter.body);
    expect(event.id).toBe(Entries[0].EventId);
    expect(event.detail.data.userId).toBe('u-2');
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    expect(deadLetter.messageAttributes).toEqual({
      RULE_ARN: text(AUDIT_RULE.arn),
      TARGET_ARN: text(AUDIT_FUNCTION_ARN),
      ERROR_CODE: text('THROTTLING'),
      ERROR_MESSAGE: text('Rate exceeded'),
      EXHAUSTED_RETRY_CONDITION: text('MaximumRetryAttemptsExhausted'),
      RETRY_ATTEMPTS: text('2'),
    });
    expect(bus.pendingDeliveries()).toBe(0);
    expect(logLines.some((line) => line.includes(`event ${Entries[0].EventId}`) && line.includes('sent to DLQ'))).toBe(true);
    await bus.close();
  });

  it('dead-letters on the event age limit before the retry budget runs out', async () => {
    const lambda = new RecordingLambda(Number.POSITIVE_INFINITY);
    const shortLived = rule('short-lived', USER_CREATED_PATTERN, [
      target('audit', AUDIT_FUNCTION_ARN, { retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 0.015 }, deadLetterArn: queueArn('audit-dlq') }),
    ]);
    const bus = startBus(lambda, [shortLived]);
    bus.port.putEvents([userCreatedEntry('u-3')], CALLER_WITHOUT_IAM);
    const [deadLetter] = await waitFor('a dead letter in audit-dlq', () => {
      const received = sqs.port.receive(queueArn('audit-dlq'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(deadLetter.messageAttributes?.EXHAUSTED_RETRY_CONDITION.StringValue).toBe('MaximumEventAgeExhausted');
    expect(lambda.attempts).toBeLessThan(185);
    await bus.close();
  });

  it('does not retry a target that does not exist, and dead-letters at once', async () => {
    const missingQueue = rule('to-missing-queue', USER_CREATED_PATTERN, [
      target('gone', queueArn('does-not-exist'), { retryPolicy: { maximumRetryAttempts: 5, maximumEventAgeSeconds: 3_600 }, deadLetterArn: queueArn('audit-dlq') }),
    ]);
    const bus = startBus(new RecordingLambda(), [missingQueue]);
    bus.port.putEvents([userCreatedEntry('u-4')], CALLER_WITHOUT_IAM);
    const [deadLetter] = await waitFor('a dead letter in audit-dlq', () => {
      const received = sqs.port.receive(queueArn('audit-dlq'), 10, CALLER_WITHOUT_IAM);
      return received.length > 0 ? received : undefined;
    });
    expect(deadLetter.messageAttributes?.ERROR_CODE.StringValue).toBe('RESOURCE_NOT_FOUND');
    expect(deadLetter.messageAttributes?.RETRY_ATTEMPTS.StringValue).toBe('0');
    expect(deadLetter.messageAttributes?.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
    await bus.close();
  });

  it('logs, without the event detail, a delivery dropped for want of a DLQ', async () => {
    const noDlq = rule('no-dlq', USER_CREATED_PATTERN, [target('audit', AUDIT_FUNCTION_ARN, { retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 } })]);
    const bus = startBus(new RecordingLambda(1), [noDlq]);
    const { Entries } = bus.port.putEvents([userCreatedEntry('secret-user')], CALLER_WITHOUT_IAM);
    const line = await waitFor('the dropped-event log line', () => logLines.find((candidate) => candidate.includes('dropped')));
    expect(line).toContain(Entries[0].EventId);
    expect(line).not.toContain('secret-user');
    await bus.close();
  });

  it('re-delivers every rule delivery when the duplicate fault share is 1', async () => {
    const lambda = new RecordingLambda();
    const bus = startBus(lambda, [AUDIT_RULE], { faults: planFaults({ eventBridge: { duplicateShare: 1 } }) });
    const { Entries } = bus.port.putEvents([userCreatedEntry('u-5'), userCreatedEntry('u-6')], CALLER_WITHOUT_IAM);
    await waitFor('each event delivered twice', () => lambda.accepted.length === 4);
    const ids = lambda.accepted.map(({ event }) => (event as { id: string }).id).sort();
    expect(ids).toEqual([Entries[0].EventId, Entries[0].EventId, Entries[1].EventId, Entries[1].EventId].sort());
    await bus.close();
  });

  it('makes the same duplicate decisions for the same fault seed, so a run can be replayed', async () => {
    const entries = Array.from({ length: 20 }, (_, index) => userCreatedEntry(`seeded-${index}`));
    const duplicatedUsers = async (seed: number): Promise<string[]> => {
      const lambda = new RecordingLambda();
      const bus = startBus(lambda, [AUDIT_RULE], { faults: planFaults({ seed, eventBridge: { duplicateShare: 0.5 } }) });
      bus.port.putEvents(entries.slice(0, 10), CALLER_WITHOUT_IAM);
      bus.port.putEvents(entries.slice(10), CALLER_WITHOUT_IAM);
      await waitFor('every delivery to finish', () => bus.pendingDeliveries() === 0 && lambda.accepted.length >= 20);
      await bus.close();
      const users = lambda.accepted.map(({ event }) => (event as { detail: { data: { userId: string } } }).detail.data.userId);
      return users.filter((user, index) => users.indexOf(user) !== index).sort();
    };

    const first = await duplicatedUsers(7);

    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThan(20);
    expect(await duplicatedUsers(7)).toEqual(first);
  });
});

describe('EventBridge pending retries survive a restart', () => {
  it('resumes a delivery that was waiting for its retry when the runtime stopped', async () => {
    const directory = temporaryDirectory('eventbridge-durable-');
    const firstStore = openStateStore(directory);
    const firstSqs = createSqs({ queues: QUEUES, store: firstStore, endpoint: '', region: REGION, account: ACCOUNT });
    const failing = new RecordingLambda(Number.POSITIVE_INFINITY);
    const first = createEventBridge({
      buses: [BUS], rules: [AUDIT_RULE], archives: [], store: firstStore, sqs: firstSqs.port, lambda: failing,
      region: REGION, account: ACCOUNT, retryDelays: [60_000], logSink: () => {},
    });
    const { Entries } = first.port.putEvents([userCreatedEntry('u-7')], CALLER_WITHOUT_IAM);
    await waitFor('the first, failing attempt', () => failing.attempts === 1);
    await first.close();
    await firstSqs.close();
    firstStore.close();

    const store = openStateStore(directory);
    const sqs = createSqs({ queues: QUEUES, store, endpoint: '', region: REGION, account: ACCOUNT });
    const healthy = new RecordingLambda();
    const restarted = createEventBridge({
      buses: [BUS], rules: [AUDIT_RULE], archives: [], store, sqs: sqs.port, lambda: healthy,
      region: REGION, account: ACCOUNT, retryDelays: [60_000], logSink: () => {},
      // The retry was due a minute after the failure: a clock past it makes the resumed delivery run at once.
      clock: new ManualClock(Date.now() + 61_000),
    });
    expect(restarted.pendingDeliveries()).toBe(1);
    await waitFor('the resumed delivery', () => healthy.accepted.length === 1);
    expect((healthy.accepted[0].event as { id: string }).id).toBe(Entries[0].EventId);
    await waitFor('no delivery left pending', () => restarted.pendingDeliveries() === 0);
    await restarted.close();
    await sqs.close();
    store.close();
  });
});
