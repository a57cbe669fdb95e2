import * as path from 'node:path';
import { createLambda, type CreateLambdaOptions, DestinationRecord, LocalLambda } from '../../../local/lambda';
import { FunctionModel } from '../../../local/model/types';
import { openStateStore, StateStore } from '../../../local/storage/state-store';
import { ManualClock } from '../../../support/manual-clock';
import { waitFor } from '../../../support/waiting';
import { FakeSqs } from '../../../support/fake-sqs';
import { REGION, temporaryDirectory } from '../../../support/local-fixtures';
import { readLog } from '../../../support/fixture-log';
import { ENDPOINT, testFunction } from './helpers';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

const DLQ = `arn:aws:sqs:${REGION}:000000000000:on-failure`;
/** Where a function's on-success records go: one marks the end of a successful attempt. */
const SUCCESSES = `arn:aws:sqs:${REGION}:000000000000:on-success`;

describe('Lambda runtime: asynchronous invocations', () => {
  const open: Array<{ runtime: LocalLambda; store: StateStore }> = [];
  afterEach(async () => {
    for (const { runtime, store } of open.splice(0)) {
      await runtime.close();
      store.close();
    }
  });

  function start(fn: FunctionModel, sqs: FakeSqs, stateDir?: string, autoStart = true, options: Partial<CreateLambdaOptions> = {}): LocalLambda {
    const store = openStateStore(stateDir);
    const runtime = createLambda({
      functions: [fn],
      eventSourceMappings: [],
      store,
      sqs,
      endpoint: ENDPOINT,
      region: REGION,
      logSink: () => undefined,
      asyncRetryDelaysMs: [50, 100],
      ...options,
    });
    open.push({ runtime, store });
    if (autoStart) runtime.start();
    return runtime;
  }

  function destinationRecords(sqs: FakeSqs): DestinationRecord[] {
    return sqs.messages(DLQ).map((message) => JSON.parse(message.body) as DestinationRecord);
  }

  it('retries a failing event per maximumRetryAttempts, then sends the AWS destination record', async () => {
    const logFile = path.join(temporaryDirectory('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('always-throws', 'throws', {
      environment: { LOG_FILE: logFile },
      asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60, onFailureDestinationArn: DLQ },
    });
    const sqs = new FakeSqs();
    sqs.createQueue(DLQ);
    const runtime = start(fn, sqs);
    await runtime.port.invokeAsync(fn.arn, { userId: 'u-1' }, CALLER_WITHOUT_IAM);
    await waitFor('the on-failure record', () => sqs.messages(DLQ).length === 1);
    expect(readLog(logFile)).toHaveLength(3);
    const [record] = destinationRecords(sqs);
    expect(record).toEqual({
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestContext: {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        functionArn: `${fn.arn}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
      },
      requestPayload: { userId: 'u-1' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: {
        errorType: 'ValidationFailed',
        errorMessage: 'cannot process {"userId":"u-1"}',
        trace: expect.any(Array),
      },
    });
  });

  it('stops retrying once the event is older than maximumEventAgeSeconds', async () => {
    const fn = testFunction('short-lived', 'throws', {
      asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 0.03, onFailureDestinationArn: DLQ },
    });
    const sqs = new FakeSqs();
    sqs.createQueue(DLQ);
    const runtime = start(fn, sqs);
    await runtime.port.invokeAsync(fn.arn, { n: 1 }, CALLER_WITHOUT_IAM);
    await waitFor('the on-failure record', () => sqs.messages(DLQ).length === 1);
    expect(destinationRecords(sqs)[0].requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
  });

  it('does not retry an event that succeeded', async () => {
    const logFile = path.join(temporaryDirectory('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('echo', 'echo', {
      environment: { LOG_FILE: logFile },
      asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60, onSuccessDestinationArn: SUCCESSES },
    });
    const sqs = new FakeSqs();
    sqs.createQueue(SUCCESSES);
    // One event at a time, first in first out: a retry of the first event would run before the sentinel.
    const clock = new ManualClock();
    const runtime = start(fn, sqs, undefined, true, { clock, maxConcurrencyPerFunction: 1 });
    await runtime.port.invokeAsync(fn.arn, { id: 'first' }, CALLER_WITHOUT_IAM);
    await waitFor("the first event's success record", () => sqs.messages(SUCCESSES).length === 1);
    clock.advance(100);

    await runtime.port.invokeAsync(fn.arn, { id: 'sentinel' }, CALLER_WITHOUT_IAM);
    await waitFor("the sentinel's success record", () => sqs.messages(SUCCESSES).length === 2);
    expect(readLog<{ event: { id: string } }>(logFile).map((line) => line.event.id)).toEqual(['first', 'sentinel']);
  });

  it('rejects events for unknown functions', async () => {
    const runtime = start(testFunction('echo', 'echo'), new FakeSqs());
    await expect(runtime.port.invokeAsync('nobody', {}, CALLER_WITHOUT_IAM)).rejects.toThrow('Function not found: nobody');
  });

  it('keeps accepted events on disk: a new runtime on the same state runs them', async () => {
    const stateDir = temporaryDirectory('lambda-async-state-');
    const logFile = path.join(temporaryDirectory('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('echo', 'echo', { environment: { LOG_FILE: logFile } });
    const first = start(fn, new FakeSqs(), stateDir, false);
    await first.port.invokeAsync(fn.arn, { id: 'a' }, CALLER_WITHOUT_IAM);
    await first.port.invokeAsync(fn.arn, { id: 'b' }, CALLER_WITHOUT_IAM);
    for (const { runtime, store } of open.splice(0)) {
      await runtime.close();
      store.close();
    }
    expect(readLog(logFile)).toEqual([]);

    start(fn, new FakeSqs(), stateDir);
    await waitFor('both events after the restart', () => readLog(logFile).length === 2);
    expect(readLog<{ event: { id: string } }>(logFile).map((line) => line.event.id).sort()).toEqual(['a', 'b']);
  });

  it('re-runs an event whose attempt was cut short by a crash', async () => {
    const stateDir = temporaryDirectory('lambda-async-state-');
    const logFile = path.join(temporaryDirectory('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('sleepy', 'sleep', {
      environment: { LOG_FILE: logFile },
      asyncConfig: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60, onFailureDestinationArn: DLQ, onSuccessDestinationArn: SUCCESSES },
    });
    const sqs = new FakeSqs();
    sqs.createQueue(DLQ);
    sqs.createQueue(SUCCESSES);
    const first = start(fn, sqs, stateDir);
    await first.port.invokeAsync(fn.arn, { ms: 400 }, CALLER_WITHOUT_IAM);
    await waitFor('the first attempt to start', () => readLog(logFile).length === 1);
    for (const { runtime, store } of open.splice(0)) {
      await runtime.close();
      store.close();
    }

    start(fn, sqs, stateDir);
    // The success record ends the re-run's attempt: no failure record can follow it.
    await waitFor("the re-run's success record", () => sqs.messages(SUCCESSES).length === 1);
    expect(readLog(logFile).map((line) => line.phase)).toEqual(['start', 'start', 'end']);
    expect(sqs.messages(DLQ)).toHaveLength(0);
  });
});
