import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as path from 'node:path';
import type { Clock } from '../../../local/clock';
import type { StreamInvocationRecord, TumblingWindowEvent } from '../../../local/lambda';
import type { StreamRecord } from '../../../local/model/ports';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { findTraces, traceAround, type Span } from '../../../local/trace';
import { ManualClock } from '../../../support/manual-clock';
import { lambdaFunction, queue, streamMapping, table, writeAssembly } from '../../../support/template-assembly';
import { readLog } from '../../../support/fixture-log';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { waitFor } from '../../../support/waiting';

const HANDLERS = path.join(__dirname, 'fixtures', 'stream-handlers');
const TABLE = 'events';
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:consumer';

interface Invocation {
  startedAt: number;
  endedAt: number;
  event: { Records: StreamRecord[] };
}

interface Stack {
  runtime: LocalRuntime;
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  logFile: string;
  logs: string[];
  invocations(): Invocation[];
  put(pk: string, behaviour?: string, attributes?: Record<string, { S: string }>): Promise<void>;
  failureRecords(): Promise<StreamInvocationRecord[]>;
  stop(): Promise<void>;
}

/** The whole runtime on a template with one table, a function on its stream through `mapping`, and a failure queue. */
async function startStack(
  mapping: Record<string, unknown>,
  options: { clock?: Clock; stateDir?: string; handler?: string; logFile?: string; environment?: Record<string, string> } = {},
): Promise<Stack> {
  const logFile = options.logFile ?? path.join(temporaryDirectory('stream-mapping-'), 'calls.jsonl');
  const assembly = writeAssembly({
    Table: table(TABLE),
    Failures: queue('failures'),
    Consumer: lambdaFunction('consumer', HANDLERS, options.handler ?? 'consume', { LOG_FILE: logFile, ...options.environment }),
    Mapping: streamMapping('Table', 'Consumer', { DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Failures', 'Arn'] } } }, ...mapping }),
  });
  const logs: string[] = [];
  const runtime = await startLocalRuntime({
    cdkOutDir: assembly,
    port: 0,
    logSink: (line) => logs.push(line),
    retryDelays: { streamMappingBackoff: { initialMs: 10, maxMs: 40 } },
    clock: options.clock,
    stateDir: options.stateDir,
  });
  const config = { endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamo = new DynamoDBClient(config);
  const sqs = new SQSClient(config);
  const failures: StreamInvocationRecord[] = [];
  return {
    runtime,
    dynamo,
    sqs,
    logFile,
    logs,
    invocations: () => readLog<Invocation>(logFile),
    async put(pk, behaviour, attributes = {}) {
      const item = { pk: { S: pk }, ...(behaviour ? { behaviour: { S: behaviour } } : {}), ...attributes };
      await dynamo.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    },
    async failureRecords() {
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'failures' }));
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 300 }));
      failures.push(...(Messages ?? []).map((message) => JSON.parse(message.Body as string) as StreamInvocationRecord));
      return failures;
    },
    async stop() {
      dynamo.destroy();
      sqs.destroy();
      await runtime.close();
    },
  };
}

const keysOf = (invocation: Invocation): string[] => invocation.event.Records.map((record) => (record.dynamodb.Keys.pk as { S: string }).S);
const allKeys = (invocations: Invocation[]): string[] => invocations.flatMap(keysOf);

describe('Lambda event source mappings on DynamoDB streams', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('hands INSERTs that match the filter to the function in batches of BatchSize, in order, in the AWS event shape', async () => {
    stack = await startStack({
      BatchSize: 2,
      MaximumBatchingWindowInSeconds: 1,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'] }) }] },
    });
    await stack.put('a');
    await stack.put('b');
    await stack.dynamo.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: 'a' } },
        UpdateExpression: 'SET note = :n',
        ExpressionAttributeValues: { ':n': { S: 'modified' } },
      }),
    );
    await stack.dynamo.send(new DeleteItemCommand({ TableName: TABLE, Key: { pk: { S: 'b' } } }));
    await stack.put('c');
    await stack.put('sentinel');
    await waitFor('the sentinel to be delivered', () => allKeys(stack!.invocations()).includes('sentinel'));
    const invocations = stack.invocations();
    // The MODIFY and the REMOVE were dropped: only INSERTs, in stream order, two at a time.
    expect(invocations.map(keysOf)).toEqual([['a', 'b'], ['c', 'sentinel']]);
    const first = invocations[0].event.Records[0];
    expect(first).toEqual({
      eventID: expect.stringMatching(/^[0-9a-f]{32}$/),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'a' } },
        NewImage: { pk: { S: 'a' } },
        SequenceNumber: expect.stringMatching(/^\d{21}$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: expect.stringMatching(/^arn:aws:dynamodb:us-east-1:000000000000:table\/events\/stream\//),
    });
  });

  it('traces each batch as a hop caused by its stream records, with the invocation under it', async () => {
    stack = await startStack({ BatchSize: 2 });
    await stack.put('traced-1');
    await stack.put('traced-2');
    const tracer = stack.runtime.tracer;
    const trace = await waitFor('the settled batch in the trace of traced-1', () => {
      const [found] = findTraces(tracer, 'traced-1').traces;
      const view = found && traceAround(tracer, found.rootId);
      return view?.spans.some((span) => span.kind === 'lambda.esm-batch' && span.outcome === 'ok') ? view : undefined;
    });
    const [record] = trace.spans.filter((span) => span.kind === 'stream.record');
    expect(record.itemKeys).toEqual(['traced-1']);
    const batch = trace.spans.find((span) => span.kind === 'lambda.esm-batch') as Span;
    expect(batch.parents).toContain(record.id);
    expect(batch.resource).toBe(FUNCTION_ARN);
    const invocation = trace.spans.find((span) => span.kind === 'lambda.invoke') as Span;
    expect(invocation.parents).toEqual([batch.id]);
  });

  it('starts at LATEST when asked, skipping what the stream held before the mapping started', async () => {
    const stateDir = temporaryDirectory('stream-latest-');
    const logFile = path.join(stateDir, 'calls.jsonl');
    // A first run with the mapping disabled writes records; the mapping then starts at LATEST in the second run.
    stack = await startStack({ StartingPosition: 'LATEST', Enabled: false }, { stateDir, logFile });
    await stack.put('before');
    await stack.stop();
    stack = await startStack({ StartingPosition: 'LATEST' }, { stateDir, logFile });
    await stack.put('after');
    await waitFor('a delivery', () => stack!.invocations().length > 0);
    expect(allKeys(stack.invocations())).toEqual(['after']);
  });

  it('waits up to MaximumBatchingWindowInSeconds to fill a batch', async () => {
    const clock = new ManualClock(Date.now());
    stack = await startStack({ BatchSize: 10, MaximumBatchingWindowInSeconds: 5 }, { clock });
    const windowEnd = clock.now() + 5000;
    await stack.put('first');
    await waitFor('the mapping to hold the first record until its window ends', () => clock.hasTimerDueAt(windowEnd));
    clock.advance(2000);
    const timersSet = clock.timersSet;
    await stack.put('second');
    // The mapping read the second record and set its wait again: it chose to wait, not to invoke.
    await waitFor('the mapping to read the second record', () => clock.timersSet > timersSet && clock.hasTimerDueAt(windowEnd));
    expect(stack.invocations()).toEqual([]);
    clock.advance(3000);
    await waitFor('the window to close', () => stack!.invocations().length > 0);
    expect(stack.invocations().map(keysOf)).toEqual([['first', 'second']]);
  });

  it('retries a failing batch MaximumRetryAttempts times, then sends AWS’s invocation record to the on-failure queue and moves on', async () => {
    stack = await startStack({ BatchSize: 1, MaximumRetryAttempts: 2 });
    await stack.put('poison', 'throw');
    await stack.put('next');
    await waitFor('the shard to move past the poison record', () => allKeys(stack!.invocations()).includes('next'));
    expect(allKeys(stack.invocations())).toEqual(['poison', 'poison', 'poison', 'next']);
    const [failure] = await stack.failureRecords();
    const poison = stack.invocations()[0].event.Records[0];
    expect(Object.keys(failure)).toEqual(['requestContext', 'responseContext', 'version', 'timestamp', 'DDBStreamBatchInfo']);
    expect(failure).toEqual({
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: FUNCTION_ARN,
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: poison.dynamodb.SequenceNumber,
        endSequenceNumber: poison.dynamodb.SequenceNumber,
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        batchSize: 1,
        streamArn: poison.eventSourceARN,
      },
    });
  });

  it('with BisectBatchOnFunctionError isolates the poison record, so every other record of its batch is processed', async () => {
    stack = await startStack({ BatchSize: 4, MaximumBatchingWindowInSeconds: 1, MaximumRetryAttempts: 0, BisectBatchOnFunctionError: true });
    await stack.put('ok-1');
    await stack.put('ok-2');
    await stack.put('poison', 'throw');
    await stack.put('ok-3');
    await waitFor('the poison record to be given up', () => stack!.logs.some((line) => line.includes('sent 1 record(s)')));
    const succeeded = stack.invocations().filter((invocation) => !keysOf(invocation).includes('poison'));
    expect(allKeys(succeeded).sort()).toEqual(['ok-1', 'ok-2', 'ok-3']);
    const [failure] = await stack.failureRecords();
    expect(failure.DDBStreamBatchInfo.batchSize).toBe(1);
    const poison = stack.invocations().find((invocation) => keysOf(invocation).join() === 'poison');
    expect(failure.DDBStreamBatchInfo.startSequenceNumber).toBe(poison?.event.Records[0].dynamodb.SequenceNumber);
  });

  it('with ReportBatchItemFailures checkpoints before the lowest failed record and retries from it', async () => {
    stack = await startStack({
      BatchSize: 4,
      MaximumBatchingWindowInSeconds: 1,
      MaximumRetryAttempts: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    await stack.put('ok-1');
    await stack.put('reported', 'report');
    await stack.put('ok-2');
    await stack.put('ok-3');
    await waitFor('the retried records to be given up', () => stack!.logs.some((line) => line.includes('sent 3 record(s)')));
    expect(stack.invocations().map(keysOf)).toEqual([
      ['ok-1', 'reported', 'ok-2', 'ok-3'],
      ['reported', 'ok-2', 'ok-3'],
    ]);
    const [failure] = await stack.failureRecords();
    expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted');
    // The function answered; it did not fail.
    expect(failure.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST' });
    expect(failure.DDBStreamBatchInfo.batchSize).toBe(3);
  });

  it('treats an itemIdentifier that is empty as a failure of the whole batch', async () => {
    stack = await startStack({ BatchSize: 1, MaximumRetryAttempts: 0, FunctionResponseTypes: ['ReportBatchItemFailures'] }, { handler: 'blankIdentifier' });
    await stack.put('only');
    await waitFor('the batch to be given up', () => stack!.logs.some((line) => line.includes('sent 1 record(s)')));
    expect(stack.logs.join('\n')).toContain('without a valid itemIdentifier');
  });

  it('gives up on records older than MaximumRecordAgeInSeconds with RecordAgeExceeded', async () => {
    const clock = new ManualClock(Date.now());
    stack = await startStack({ BatchSize: 1, MaximumRecordAgeInSeconds: 60 }, { clock });
    await stack.put('stale', 'throw');
    await waitFor('the first attempt', () => stack!.invocations().length === 1);
    // The retry waits on the clock; by the time it comes due, the record is past its maximum age.
    clock.advance(61_000);
    await waitFor('the record to age out', () => stack!.logs.some((line) => line.includes('RecordAgeExceeded')));
    const [failure] = await stack.failureRecords();
    expect(failure.requestContext).toMatchObject({ condition: 'RecordAgeExceeded', approximateInvokeCount: 1 });
    expect(stack.invocations()).toHaveLength(1);
  });

  it('runs ParallelizationFactor batches at once, keeping each partition key in order', async () => {
    stack = await startStack({ BatchSize: 1, ParallelizationFactor: 3 }, { environment: { SLOW_MS: '150' } });
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'];
    for (let round = 1; round <= 3; round++) for (const key of keys) await stack.put(key, 'slow', { round: { S: String(round) } });
    // Each put of an existing key is a MODIFY; all 18 records come through.
    await waitFor('every record', () => stack!.invocations().length === 18);
    const invocations = stack.invocations();
    const images = invocations.map((invocation) => invocation.event.Records[0]);
    for (const key of keys) {
      const ofKey = images.filter((record) => (record.dynamodb.Keys.pk as { S: string }).S === key);
      expect(ofKey.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY']);
      const sequence = ofKey.map((record) => record.dynamodb.SequenceNumber);
      expect([...sequence].sort()).toEqual(sequence);
    }
    // The most invocations running at one moment: some invocation's start lies within that many of them.
    const runningAt = (moment: number): number => invocations.filter((other) => other.startedAt <= moment && moment < other.endedAt).length;
    expect(Math.max(...invocations.map((invocation) => runningAt(invocation.startedAt)))).toBe(3);
  });

  it('passes tumbling-window state between invocations and ends each window with a final invocation', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12, 0, 10));
    stack = await startStack({ BatchSize: 2, MaximumBatchingWindowInSeconds: 5, TumblingWindowInSeconds: 60 }, { clock, handler: 'countWindow' });
    const events = (): TumblingWindowEvent[] => readLog<{ event: TumblingWindowEvent }>(stack!.logFile).map((line) => line.event);
    for (const key of ['a', 'b', 'c']) await stack.put(key);
    await waitFor('the first aggregation invocation', () => events().length === 1);
    await waitFor('the mapping to hold the third record in its batching window', () => clock.hasTimerDueAt(clock.now() + 5000));
    clock.advance(5000);
    await waitFor('the second aggregation invocation', () => events().length === 2);
    expect(events().map((event) => [event.Records.length, event.state, event.isFinalInvokeForWindow])).toEqual([
      [2, {}, false],
      [1, { count: 2 }, false],
    ]);
    expect(events()[0]).toMatchObject({
      window: { start: '2026-01-01T12:00:00Z', end: '2026-01-01T12:01:00Z' },
      shardId: expect.stringMatching(/^shardId-/),
      eventSourceARN: expect.stringContaining('/stream/'),
      isWindowTerminatedEarly: false,
    });
    clock.advance(45_000);
    await waitFor('the final invocation', () => events().length === 3);
    expect(events()[2]).toMatchObject({ Records: [], state: { count: 3 }, isFinalInvokeForWindow: true, isWindowTerminatedEarly: false });
    expect(clock.hasTimerDueAt(clock.now() + 5000)).toBe(false);
    await stack.put('d');
    await waitFor('the mapping to hold d in its batching window', () => clock.hasTimerDueAt(clock.now() + 5000));
    clock.advance(5000);
    await waitFor('the next window', () => events().length === 4);
    expect(events()[3]).toMatchObject({ state: {}, window: { start: '2026-01-01T12:01:00Z' }, isFinalInvokeForWindow: false });
  });

  it('resumes after its durable checkpoint on restart, without delivering settled records again', async () => {
    const stateDir = temporaryDirectory('stream-restart-');
    const logFile = path.join(stateDir, 'calls.jsonl');
    stack = await startStack({ BatchSize: 1 }, { stateDir, logFile });
    await stack.put('one');
    await waitFor('the first delivery', () => stack!.invocations().length === 1);
    await stack.stop();
    stack = await startStack({ BatchSize: 1 }, { stateDir, logFile });
    await stack.put('two');
    await waitFor('the second delivery', () => stack!.invocations().length === 2);
    expect(allKeys(stack.invocations())).toEqual(['one', 'two']);
  });
});
