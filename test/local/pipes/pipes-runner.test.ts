import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Clock } from '../../../local/clock';
import { planFaults, type PipeFaults } from '../../../local/faults';
import { createPipesRunner, PipesRunner, StreamDeadLetterRecord } from '../../../local/pipes';
import { LambdaInvokeResult, StreamRecord } from '../../../local/model/ports';
import type { PipeModel, StreamPipeSourceModel } from '../../../local/model/types';
import { openStateStore, StateStore } from '../../../local/storage/state-store';
import { FakeSqs } from '../../../support/fake-sqs';
import { ManualClock } from '../../../support/manual-clock';
import { waitFor } from '../../../support/waiting';
import { FakeEventBridge, FakeLambda, FakeStreams } from './fakes';

const STREAM = 'arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/1970-01-01T00:00:00.000';
const DLQ = 'arn:aws:sqs:us-east-1:000000000000:pipe-dlq';
const TARGET_QUEUE = 'arn:aws:sqs:us-east-1:000000000000:target';
const ENRICH = 'arn:aws:lambda:us-east-1:000000000000:function:enrich';
const CONSUMER = 'arn:aws:lambda:us-east-1:000000000000:function:consumer';
const BUS = 'arn:aws:events:us-east-1:000000000000:event-bus/users-bus';

function pipe(overrides: { source?: Partial<StreamPipeSourceModel> } & Partial<Omit<PipeModel, 'source'>> = {}): PipeModel {
  const { source, ...rest } = overrides;
  return {
    logicalId: 'Pipe',
    name: 'users-pipe',
    arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/users-pipe',
    desiredState: 'RUNNING',
    source: {
      kind: 'dynamodb-stream',
      streamArn: STREAM,
      startingPosition: 'TRIM_HORIZON',
      batchSize: 10,
      maximumBatchingWindowSeconds: 0,
      maximumRetryAttempts: 2,
      maximumRecordAgeSeconds: -1,
      deadLetterArn: DLQ,
      ...source,
    },
    filters: [],
    target: { kind: 'lambda', functionArn: CONSUMER, invocationType: 'REQUEST_RESPONSE' },
    ...rest,
  };
}

const userIdsOf = (batch: unknown): string[] =>
  (batch as StreamRecord[]).map((record) => ((record.dynamodb.NewImage ?? record.dynamodb.OldImage)?.userId as { S: string }).S);

/*
 * Absence is proven with sentinels: a pipe handles its stream in order, one batch after another, so once a record
 * appended after the others has been delivered, whatever the earlier ones were going to cause has happened.
 */


describe('Pipes runner', () => {
  let streams: FakeStreams;
  let sqs: FakeSqs;
  let eventBridge: FakeEventBridge;
  let lambda: FakeLambda;
  let logs: string[];
  const running: Array<{ runner: PipesRunner; store: StateStore }> = [];

  beforeEach(() => {
    streams = new FakeStreams();
    sqs = new FakeSqs();
    sqs.createQueue(DLQ);
    sqs.createQueue(TARGET_QUEUE);
    eventBridge = new FakeEventBridge();
    lambda = new FakeLambda({ [CONSUMER]: () => ({}) });
    logs = [];
  });

  async function stopAll(): Promise<void> {
    for (const { runner, store } of running.splice(0)) {
      await runner.close();
      store.close();
    }
  }
  afterEach(stopAll);

  function start(pipes: PipeModel[], options: { stateDir?: string; faults?: PipeFaults; clock?: Clock } = {}): void {
    const store = openStateStore(options.stateDir);
    const runner = createPipesRunner({
      pipes,
      store,
      streams,
      lambda,
      eventBridge,
      sqs,
      region: 'us-east-1',
      account: '000000000000',
      logSink: (line) => logs.push(line),
      faults: planFaults({ pipes: options.faults }),
      retryBackoff: { initialMs: 10, maxMs: 40 },
      readRetryMs: 20,
      clock: options.clock,
    });
    running.push({ runner, store });
    runner.start();
  }

  const insert = (userId: string, extra: Record<string, unknown> = {}): StreamRecord =>
    streams.append(STREAM, 'INSERT', { userId: { S: userId }, ...extra });

  const deadLetters = (): StreamDeadLetterRecord[] => sqs.messages(DLQ).map((message) => JSON.parse(message.body));
  /** The user ids the consumer received, in order. */
  const delivered = (): string[] => lambda.callsTo(CONSUMER).flatMap(userIdsOf);

  it('delivers records in stream order, in batches of at most the batch size, with their eventSourceARN', async () => {
    for (let i = 1; i <= 7; i++) insert(`u${i}`);
    start([pipe({ source: { batchSize: 3 } })]);
    await waitFor('three batches', () => lambda.callsTo(CONSUMER).length === 3);
    const batches = lambda.callsTo(CONSUMER);
    expect(batches.map(userIdsOf)).toEqual([['u1', 'u2', 'u3'], ['u4', 'u5', 'u6'], ['u7']]);
    expect((batches[0] as StreamRecord[]).map((record) => record.eventSourceARN)).toEqual([STREAM, STREAM, STREAM]);
    expect((batches[0] as StreamRecord[])[0].eventID).toBe('event-1');
  });

  it('waits up to the batching window to fill a batch', async () => {
    const clock = new ManualClock();
    // The poller reads on the turn after an append; one more turn and it has read, and set the window's timer.
    const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
    start([pipe({ source: { batchSize: 10, maximumBatchingWindowSeconds: 30 } })], { clock });
    insert('a');
    await nextTurn();
    clock.advance(10_000);
    insert('b');
    insert('c');
    await nextTurn();
    clock.advance(19_999);
    await nextTurn();
    expect(lambda.callsTo(CONSUMER)).toHaveLength(0);

    clock.advance(1);
    await waitFor('one batch', () => lambda.callsTo(CONSUMER).length === 1);
    expect((lambda.callsTo(CONSUMER)[0] as StreamRecord[]).map((record) => record.eventID)).toEqual(['event-1', 'event-2', 'event-3']);
  });

  it("skips records no filter matches, OR'ing the filters, and checkpoints past them", async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipes-filters-'));
    const filters = ['{"eventName":["INSERT"]}', '{"dynamodb":{"Keys":{"userId":{"S":["special"]}}}}'];
    insert('u1');
    streams.append(STREAM, 'MODIFY', { userId: { S: 'u2' } });
    streams.append(STREAM, 'REMOVE', { userId: { S: 'special' } });
    streams.append(STREAM, 'REMOVE', { userId: { S: 'u3' } });
    start([pipe({ filters, source: { batchSize: 1 } })], { stateDir });
    insert('sentinel');
    await waitFor('the sentinel', () => delivered().includes('sentinel'));
    expect(lambda.callsTo(CONSUMER).flatMap((batch) => (batch as StreamRecord[]).map((record) => record.eventName))).toEqual(['INSERT', 'REMOVE', 'INSERT']);
    await stopAll();
    start([pipe({ filters, source: { batchSize: 1 } })], { stateDir });
    insert('sentinel-after-restart');
    await waitFor('the sentinel after the restart', () => delivered().includes('sentinel-after-restart'));
    expect(delivered()).toEqual(['u1', 'special', 'sentinel', 'sentinel-after-restart']);
  });

  it('enriches with the bare array and publishes the results to the bus as AWS builds the entries', async () => {
    lambda = new FakeLambda({
      [ENRICH]: (event) => ({ payload: (event as StreamRecord[]).map((record) => ({ id: record.eventID, kind: 'UserCreated' })) }),
    });
    insert('u1');
    insert('u2');
    start([
      pipe({
        enrichment: { functionArn: ENRICH },
        target: { kind: 'eventbridge', busArn: BUS, source: 'users-fanout.users', detailType: 'UserCreated', resources: ['r-1'] },
      }),
    ]);
    await waitFor('two events on the bus', () => eventBridge.accepted.length === 2);
    const [enrichmentInput] = lambda.callsTo(ENRICH) as StreamRecord[][];
    expect(Array.isArray(enrichmentInput)).toBe(true);
    expect(enrichmentInput.map((record) => record.eventSourceARN)).toEqual([STREAM, STREAM]);
    expect(eventBridge.accepted).toEqual([
      { Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: '{"id":"event-1","kind":"UserCreated"}', EventBusName: 'users-bus', Resources: ['r-1'] },
      { Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: '{"id":"event-2","kind":"UserCreated"}', EventBusName: 'users-bus', Resources: ['r-1'] },
    ]);
  });

  it('skips the target when the enrichment returns nothing or an empty array', async () => {
    const answers: LambdaInvokeResult[] = [{ payload: [] }, {}];
    lambda = new FakeLambda({ [ENRICH]: () => answers.shift() ?? { payload: [{ sentinel: true }] }, [CONSUMER]: () => ({}) });
    insert('u1');
    insert('u2');
    insert('sentinel');
    start([pipe({ enrichment: { functionArn: ENRICH }, source: { batchSize: 1 } })]);
    await waitFor("the sentinel's enriched batch", () => lambda.callsTo(CONSUMER).length > 0);
    expect(lambda.callsTo(CONSUMER)).toEqual([[{ sentinel: true }]]);
    expect(deadLetters()).toEqual([]);
  });

  it('fails the batch when the enrichment returns more than 10 results or a non-array, then sends it to the DLQ', async () => {
    lambda = new FakeLambda({
      [ENRICH]: (event) => ((event as StreamRecord[])[0].eventID === 'event-1' ? { payload: new Array(11).fill({}) } : { payload: { not: 'an array' } }),
      [CONSUMER]: () => ({}),
    });
    insert('u1');
    insert('u2');
    start([pipe({ enrichment: { functionArn: ENRICH }, source: { batchSize: 1, maximumRetryAttempts: 1 } })]);
    await waitFor('two dead letters', () => deadLetters().length === 2);
    expect(lambda.callsTo(ENRICH)).toHaveLength(4);
    expect(lambda.callsTo(CONSUMER)).toEqual([]);
    expect(deadLetters().map((letter) => [letter.requestContext.condition, letter.requestContext.approximateInvokeCount])).toEqual([
      ['RetryAttemptsExhausted', 2],
      ['RetryAttemptsExhausted', 2],
    ]);
    expect(logs.some((line) => line.includes('enrichment returned 11 results, more than 10'))).toBe(true);
    expect(logs.some((line) => line.includes('enrichment returned a non-array response'))).toBe(true);
  });

  it('bisects a failing batch to isolate a poison record, delivers the rest, and dead-letters it in the AWS shape', async () => {
    lambda = new FakeLambda({
      [ENRICH]: (event) => {
        const records = event as StreamRecord[];
        if (records.some((record) => record.dynamodb.NewImage?.poison)) {
          return { error: { errorType: 'Error', errorMessage: 'poison' } };
        }
        return { payload: records.map((record) => ({ id: record.eventID })) };
      },
      [CONSUMER]: () => ({}),
    });
    const created = Date.UTC(2026, 0, 2, 3, 4, 5);
    insert('u1');
    insert('u2');
    const poison = streams.append(STREAM, 'INSERT', { userId: { S: 'bad' }, poison: { BOOL: true } }, created);
    insert('u4');
    insert('u5');
    // In the next batch: delivered only once the bisected one is settled.
    insert('sentinel');
    start([
      pipe({
        enrichment: { functionArn: ENRICH },
        source: { batchSize: 5, maximumRetryAttempts: 2, onPartialBatchItemFailure: 'AUTOMATIC_BISECT' },
      }),
    ]);
    const deliveredIds = () => lambda.callsTo(CONSUMER).flatMap((batch) => (batch as Array<{ id: string }>).map((item) => item.id));
    await waitFor('the sentinel', () => deliveredIds().includes('event-6'));
    expect(deliveredIds().sort()).toEqual(['event-1', 'event-2', 'event-4', 'event-5', 'event-6']);
    expect(deadLetters()).toEqual([
      {
        requestContext: {
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          pipeArn: 'arn:aws:pipes:us-east-1:000000000000:pipe/users-pipe',
          condition: 'RetryAttemptsExhausted',
          approximateInvokeCount: 3,
        },
        version: '1.0',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        DDBStreamBatchInfo: {
          shardId: 'shardId-00000000000000000000-00000001',
          startSequenceNumber: poison.dynamodb.SequenceNumber,
          endSequenceNumber: poison.dynamodb.SequenceNumber,
          approximateArrivalOfFirstRecord: '2026-01-02T03:04:05Z',
          approximateArrivalOfLastRecord: '2026-01-02T03:04:05Z',
          batchSize: 1,
          streamArn: STREAM,
        },
      },
    ]);
  });

  it('without bisect, retries and dead-letters the whole batch', async () => {
    lambda = new FakeLambda({ [CONSUMER]: () => ({ error: { errorType: 'Error', errorMessage: 'down' } }) });
    insert('u1');
    insert('u2');
    start([pipe({ source: { maximumRetryAttempts: 3 } })]);
    await waitFor('the batch in the DLQ', () => deadLetters().length === 1);
    expect(lambda.callsTo(CONSUMER)).toHaveLength(4);
    expect(deadLetters()[0].DDBStreamBatchInfo).toMatchObject({ batchSize: 2, startSequenceNumber: '000000000000000000001', endSequenceNumber: '000000000000000000002' });
  });

  it('retries only the source records whose PutEvents entries failed', async () => {
    let failedOnce = false;
    eventBridge = new FakeEventBridge((entry) => {
      if (failedOnce || !entry.Detail?.includes('"u2"')) return false;
      failedOnce = true;
      return true;
    });
    insert('u1');
    insert('u2');
    insert('u3');
    start([pipe({ target: { kind: 'eventbridge', busArn: BUS, source: 's', detailType: 'd', resources: [] } })]);
    await waitFor('all three events', () => eventBridge.accepted.length === 3);
    insert('sentinel');
    await waitFor('the sentinel', () => eventBridge.accepted.length === 4);
    expect(eventBridge.calls.map((call) => call.length)).toEqual([3, 1, 1]);
    expect(eventBridge.accepted[2].Detail).toContain('"u2"');
  });

  it("retries only the records a Lambda target names in batchItemFailures, and all of them for an unknown identifier", async () => {
    const answers: Array<(batch: StreamRecord[]) => LambdaInvokeResult> = [
      () => ({ payload: { batchItemFailures: [{ itemIdentifier: 'not-in-this-batch' }] } }),
      (batch) => ({ payload: { batchItemFailures: [{ itemIdentifier: batch[1].dynamodb.SequenceNumber }] } }),
    ];
    lambda = new FakeLambda({ [CONSUMER]: (event) => (answers.shift() ?? (() => ({})))(event as StreamRecord[]) });
    insert('u1');
    insert('u2');
    insert('u3');
    start([pipe({ source: { maximumRetryAttempts: 5 } })]);
    await waitFor('two retries', () => lambda.callsTo(CONSUMER).length === 3);
    insert('sentinel');
    await waitFor('the sentinel', () => delivered().includes('sentinel'));
    expect(lambda.callsTo(CONSUMER).map(userIdsOf)).toEqual([['u1', 'u2', 'u3'], ['u1', 'u2', 'u3'], ['u2'], ['sentinel']]);
  });

  it('dead-letters records older than maximumRecordAge without delivering them', async () => {
    streams.append(STREAM, 'INSERT', { userId: { S: 'old' } }, Date.now() - 120_000);
    insert('fresh');
    start([pipe({ source: { batchSize: 1, maximumRecordAgeSeconds: 60 } })]);
    await waitFor('the fresh record', () => lambda.callsTo(CONSUMER).length === 1);
    expect(userIdsOf(lambda.callsTo(CONSUMER)[0])).toEqual(['fresh']);
    expect(deadLetters().map((letter) => [letter.requestContext.condition, letter.DDBStreamBatchInfo.startSequenceNumber])).toEqual([
      ['RecordAgeExceeded', '000000000000000000001'],
    ]);
  });

  it('keeps going when there is no DLQ, logging what it discarded', async () => {
    lambda = new FakeLambda({
      [CONSUMER]: (event) =>
        (event as StreamRecord[])[0].eventID === 'event-1' ? { error: { errorType: 'Error', errorMessage: 'no' } } : {},
    });
    insert('u1');
    insert('u2');
    start([pipe({ source: { batchSize: 1, maximumRetryAttempts: 0, deadLetterArn: undefined } })]);
    await waitFor('the second record', () => lambda.callsTo(CONSUMER).length === 2);
    expect(logs.some((line) => line.startsWith('[pipe users-pipe] discarded 1 record(s) 000000000000000000001'))).toBe(true);
  });

  it('sends to SQS and Lambda targets, async ones included', async () => {
    insert('u1');
    start([
      pipe({ name: 'to-sqs', arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/to-sqs', target: { kind: 'sqs', queueArn: TARGET_QUEUE } }),
      pipe({
        name: 'to-lambda',
        arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/to-lambda',
        target: { kind: 'lambda', functionArn: CONSUMER, invocationType: 'FIRE_AND_FORGET' },
        targetInputTemplate: '{"user": <$.dynamodb.NewImage.userId.S>, "pipe": "<aws.pipes.pipe-name>"}',
      }),
    ]);
    await waitFor('both targets', () => sqs.messages(TARGET_QUEUE).length === 1 && lambda.calls.length === 1);
    expect(JSON.parse(sqs.messages(TARGET_QUEUE)[0].body)).toMatchObject({ eventID: 'event-1', eventSourceARN: STREAM });
    expect(lambda.calls[0]).toEqual({ functionArn: CONSUMER, event: [{ user: 'u1', pipe: 'to-lambda' }], async: true });
  });

  it('resumes after its durable checkpoint on restart, and re-delivers a batch that was not settled', async () => {
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipes-checkpoint-'));
    let failing = false;
    lambda = new FakeLambda({ [CONSUMER]: (): LambdaInvokeResult => (failing ? { error: { errorType: 'E', errorMessage: 'down' } } : {}) });
    insert('u1');
    insert('u2');
    start([pipe({ source: { batchSize: 1, maximumRetryAttempts: -1 } })], { stateDir });
    await waitFor('the first two records', () => lambda.callsTo(CONSUMER).length === 2);
    failing = true;
    insert('u3');
    await waitFor('u3 to be retried', () => lambda.callsTo(CONSUMER).length >= 4);
    await stopAll();

    failing = false;
    lambda.calls.length = 0;
    insert('u4');
    start([pipe({ source: { batchSize: 1, maximumRetryAttempts: -1 } })], { stateDir });
    insert('sentinel');
    await waitFor('the sentinel after the restart', () => delivered().includes('sentinel'));
    const eventIds = lambda.callsTo(CONSUMER).map((batch) => (batch as StreamRecord[])[0].eventID);
    expect(eventIds).toEqual(['event-3', 'event-4', 'event-5']);
  });

  it('starts at LATEST when configured and there is no checkpoint', async () => {
    insert('before');
    // start() takes the stream's latest position before it returns.
    start([pipe({ source: { startingPosition: 'LATEST' } })]);
    insert('after');
    insert('sentinel');
    await waitFor('the sentinel', () => delivered().includes('sentinel'));
    expect(delivered()).toEqual(['after', 'sentinel']);
  });

  it('re-delivers a share of batches when duplicate faults are injected', async () => {
    insert('u1');
    insert('u2');
    start([pipe({ source: { batchSize: 1 } })], { faults: { duplicateShare: 1 } });
    await waitFor('each batch twice', () => lambda.callsTo(CONSUMER).length === 4);
    expect(lambda.callsTo(CONSUMER).map((batch) => (batch as StreamRecord[])[0].eventID)).toEqual(['event-1', 'event-1', 'event-2', 'event-2']);
  });

  it('treats a broken input template as a failed attempt, not a stopped pipe', async () => {
    insert('u1');
    insert('u2');
    start([pipe({ source: { batchSize: 1, maximumRetryAttempts: 0 }, targetInputTemplate: '<aws.pipes.unknown>' })]);
    await waitFor('both records in the DLQ', () => deadLetters().length === 2);
    expect(logs.some((line) => line.includes('Unknown input template variable <aws.pipes.unknown>'))).toBe(true);
  });

  it('does not run stopped pipes', async () => {
    // A running pipe on the same stream is the sentinel: it is woken by the same record, at the same moment.
    const SENTINEL_CONSUMER = 'arn:aws:lambda:us-east-1:000000000000:function:sentinel';
    lambda = new FakeLambda({ [CONSUMER]: () => ({}), [SENTINEL_CONSUMER]: () => ({}) });
    insert('u1');
    start([
      pipe({ desiredState: 'STOPPED' }),
      pipe({ name: 'running', arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/running', target: { kind: 'lambda', functionArn: SENTINEL_CONSUMER, invocationType: 'REQUEST_RESPONSE' } }),
    ]);
    await waitFor('the running pipe to deliver u1', () => lambda.callsTo(SENTINEL_CONSUMER).length === 1);
    expect(lambda.callsTo(CONSUMER)).toEqual([]);
  });
});
