import * as path from 'node:path';
import { createLambda, LocalLambda, SqsEventRecord } from '../../../local/lambda';
import { SqsEventSourceMappingModel } from '../../../local/model/types';
import { openStateStore } from '../../../local/storage/state-store';
import type { Clock } from '../../../local/clock';
import { ManualClock } from '../../../support/manual-clock';
import { waitFor } from '../../../support/waiting';
import { FakeSqs } from '../../../support/fake-sqs';
import { REGION, temporaryDirectory } from '../../../support/local-fixtures';
import { readLog } from '../../../support/fixture-log';
import { ENDPOINT, testFunction } from './helpers';

const QUEUE = `arn:aws:sqs:${REGION}:000000000000:work`;

interface BatchLogLine {
  at: number;
  phase: 'start' | 'end';
  event: { Records: SqsEventRecord[] };
}

describe('Lambda runtime: SQS event source mappings', () => {
  let runtime: LocalLambda | undefined;
  afterEach(async () => {
    await runtime?.close();
    runtime = undefined;
  });

  function setUp(mapping: Partial<SqsEventSourceMappingModel>, options: { batchMs?: number; visibilitySeconds?: number; clock?: Clock } = {}) {
    const logFile = path.join(temporaryDirectory('lambda-esm-'), 'calls.jsonl');
    const fn = testFunction('consumer', 'sqsBatch', {
      environment: { LOG_FILE: logFile, BATCH_MS: String(options.batchMs ?? 0) },
    });
    const sqs = new FakeSqs(options.visibilitySeconds ?? 30);
    sqs.createQueue(QUEUE);
    runtime = createLambda({
      functions: [fn],
      eventSourceMappings: [
        {
          logicalId: 'Mapping',
          functionArn: fn.arn,
          queueArn: QUEUE,
          batchSize: 10,
          maximumBatchingWindowSeconds: 0,
          reportBatchItemFailures: false,
          enabled: true,
          ...mapping,
        },
      ],
      store: openStateStore(undefined),
      sqs,
      endpoint: ENDPOINT,
      region: REGION,
      logSink: () => undefined,
      sqsPollIntervalMs: 50,
      clock: options.clock,
      // More workers than any mapping here allows, so the mapping's own limit is what the tests observe.
      maxConcurrencyPerFunction: 4,
    });
    const batches = (): BatchLogLine[] => readLog<BatchLogLine>(logFile).filter((line) => line.phase === 'start');
    return { sqs, batches, logFile };
  }

  it('hands batches in the AWS SQS event shape and deletes them on success', async () => {
    const { sqs, batches } = setUp({ batchSize: 10 });
    sqs.send(QUEUE, { body: 'one', messageAttributes: { trace: { DataType: 'String', StringValue: 't-1' } } });
    sqs.send(QUEUE, { body: 'two' });
    runtime?.start();
    await waitFor('the queue to drain', () => sqs.messages(QUEUE).length === 0);
    const records = batches().flatMap((batch) => batch.event.Records);
    expect(records.map((record) => record.body)).toEqual(['one', 'two']);
    expect(records[0]).toEqual({
      messageId: expect.any(String),
      receiptHandle: expect.any(String),
      body: 'one',
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: expect.stringMatching(/^\d+$/),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
        SenderId: '000000000000',
      },
      messageAttributes: { trace: { stringValue: 't-1', stringListValues: [], binaryListValues: [], dataType: 'String' } },
      md5OfBody: 'f97c5d29941bfb1b2fdab0874906ab82',
      eventSource: 'aws:sqs',
      eventSourceARN: QUEUE,
      awsRegion: REGION,
    });
    expect(sqs.deleted.sort()).toEqual(['one', 'two']);
  });

  it('is woken by new messages after it started', async () => {
    // The clock stands still, so the mapping's periodic poll never runs: only the queue's wake-up can bring 'late'.
    const { sqs } = setUp({}, { clock: new ManualClock() });
    runtime?.start();
    await waitFor('the first, empty poll', () => sqs.receiveCalls > 0);
    sqs.send(QUEUE, { body: 'late' });
    await waitFor('the late message to be consumed', () => sqs.deleted.includes('late'));
  });

  it('respects the batch size', async () => {
    const { sqs, batches } = setUp({ batchSize: 2 });
    for (const body of ['a', 'b', 'c', 'd', 'e']) sqs.send(QUEUE, { body });
    runtime?.start();
    await waitFor('all messages to be consumed', () => sqs.deleted.length === 5);
    expect(batches().map((batch) => batch.event.Records.length).sort()).toEqual([1, 2, 2]);
  });

  it('waits up to the batching window to fill a batch', async () => {
    const clock = new ManualClock();
    const { sqs, batches } = setUp({ batchSize: 5, maximumBatchingWindowSeconds: 30 }, { clock });
    const received = (body: string) => () => sqs.messages(QUEUE).some((message) => message.body === body && message.receiveCount === 1);
    runtime?.start();
    sqs.send(QUEUE, { body: 'first' });
    await waitFor("'first' to be received into the batch", received('first'));
    clock.advance(10_000);
    sqs.send(QUEUE, { body: 'second' });
    await waitFor("'second' to be received into the same batch", received('second'));
    clock.advance(19_999);
    // Still open a millisecond before the window ends: a message received now joins the same batch.
    sqs.send(QUEUE, { body: 'third' });
    await waitFor("'third' to be received", received('third'));

    clock.advance(1);
    await waitFor('the three messages to be consumed', () => sqs.deleted.length === 3);
    expect(batches().map((batch) => batch.event.Records.map((record) => record.body))).toEqual([['first', 'second', 'third']]);
  });

  it('with ReportBatchItemFailures deletes all but the reported failures, which come back after the visibility timeout', async () => {
    const { sqs, batches } = setUp({ reportBatchItemFailures: true }, { visibilitySeconds: 0.3 });
    for (const body of ['ok-1', 'fail-me', 'ok-2']) sqs.send(QUEUE, { body });
    runtime?.start();
    await waitFor('the failed message to be redelivered', () => batches().length >= 2);
    expect(sqs.deleted.sort()).toEqual(['ok-1', 'ok-2']);
    const redelivered = batches()[1].event.Records;
    expect(redelivered.map((record) => [record.body, record.attributes.ApproximateReceiveCount])).toEqual([['fail-me', '2']]);
    expect(sqs.messages(QUEUE).map((message) => message.body)).toEqual(['fail-me']);
  });

  it('without ReportBatchItemFailures ignores the response and deletes the whole batch', async () => {
    const { sqs } = setUp({ reportBatchItemFailures: false });
    for (const body of ['ok-1', 'fail-me']) sqs.send(QUEUE, { body });
    runtime?.start();
    await waitFor('both messages to be deleted', () => sqs.deleted.length === 2);
    expect(sqs.messages(QUEUE)).toEqual([]);
  });

  it('leaves every message of a batch whose invocation failed', async () => {
    const { sqs, batches } = setUp({ reportBatchItemFailures: true }, { visibilitySeconds: 0.3 });
    for (const body of ['ok', 'throw']) sqs.send(QUEUE, { body });
    runtime?.start();
    await waitFor('the batch to be redelivered', () => batches().length >= 2);
    expect(sqs.deleted).toEqual([]);
    expect(batches()[1].event.Records.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['2', '2']);
  });

  it('runs no more batches at once than the maximum concurrency', async () => {
    const { sqs, logFile } = setUp({ batchSize: 1, maximumConcurrency: 2 }, { batchMs: 250 });
    for (let i = 0; i < 6; i++) sqs.send(QUEUE, { body: `m${i}` });
    runtime?.start();
    await waitFor('all messages to be consumed', () => sqs.deleted.length === 6);
    let running = 0;
    let peak = 0;
    for (const line of readLog<BatchLogLine>(logFile).sort((a, b) => a.at - b.at || (a.phase === 'end' ? -1 : 1))) {
      running += line.phase === 'start' ? 1 : -1;
      peak = Math.max(peak, running);
    }
    expect(peak).toBe(2);
  });
});
