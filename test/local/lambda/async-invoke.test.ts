import * as path from 'node:path';
import { createLambda, DestinationRecord, LocalLambda } from '../../../local/lambda';
import { FunctionModel } from '../../../local/model/types';
import { openStateStore, StateStore } from '../../../local/storage/state-store';
import { FakeSqs } from './fake-sqs';
import { ENDPOINT, readLog, REGION, tempDir, testFunction, waitFor } from './helpers';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

const DLQ = `arn:aws:sqs:${REGION}:000000000000:on-failure`;

describe('Lambda runtime: asynchronous invocations', () => {
  const open: Array<{ runtime: LocalLambda; store: StateStore }> = [];
  afterEach(async () => {
    for (const { runtime, store } of open.splice(0)) {
      await runtime.close();
      store.close();
    }
  });

  function start(fn: FunctionModel, sqs: FakeSqs, stateDir?: string, autoStart = true): LocalLambda {
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
    });
    open.push({ runtime, store });
    if (autoStart) runtime.start();
    return runtime;
  }

  function destinationRecords(sqs: FakeSqs): DestinationRecord[] {
    return sqs.messages(DLQ).map((message) => JSON.parse(message.body) as DestinationRecord);
  }

  it('retries a failing event per maximumRetryAttempts, then sends the AWS destination record', async () => {
    const logFile = path.join(tempDir('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('always-throws', 'throws', {
      environment: { LOG_FILE: logFile },
      asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60, onFailureDestinationArn: DLQ },
    });
    const sqs = new FakeSqs();
    sqs.createQueue(DLQ);
    const runtime = start(fn, sqs);
    await runtime.port.invokeAsync(fn.arn, { userId: 'u-1' }, CALLER_WITHOUT_IAM);
    await waitFor(() => sqs.messages(DLQ).length === 1, 'the on-failure record');
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
    await waitFor(() => sqs.messages(DLQ).length === 1, 'the on-failure record');
    expect(destinationRecords(sqs)[0].requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
  });

  it('does not retry an event that succeeded', async () => {
    const logFile = path.join(tempDir('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('echo', 'echo', { environment: { LOG_FILE: logFile } });
    const runtime = start(fn, new FakeSqs());
    await runtime.port.invokeAsync(fn.arn, { ok: true }, CALLER_WITHOUT_IAM);
    await waitFor(() => readLog(logFile).length === 1, 'the invocation');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readLog(logFile)).toHaveLength(1);
  });

  it('rejects events for unknown functions', async () => {
    const runtime = start(testFunction('echo', 'echo'), new FakeSqs());
    await expect(runtime.port.invokeAsync('nobody', {}, CALLER_WITHOUT_IAM)).rejects.toThrow('Function not found: nobody');
  });

  it('keeps accepted events on disk: a new runtime on the same state runs them', async () => {
    const stateDir = tempDir('lambda-async-state-');
    const logFile = path.join(tempDir('lambda-async-'), 'calls.jsonl');
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
    await waitFor(() => readLog(logFile).length === 2, 'both events after the restart');
    expect(readLog<{ event: { id: string } }>(logFile).map((line) => line.event.id).sort()).toEqual(['a', 'b']);
  });

  it('re-runs an event whose attempt was cut short by a crash', async () => {
    const stateDir = tempDir('lambda-async-state-');
    const logFile = path.join(tempDir('lambda-async-'), 'calls.jsonl');
    const fn = testFunction('sleepy', 'sleep', {
      environment: { LOG_FILE: logFile },
      asyncConfig: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60, onFailureDestinationArn: DLQ },
    });
    const sqs = new FakeSqs();
    sqs.createQueue(DLQ);
    const first = start(fn, sqs, stateDir);
    await first.port.invokeAsync(fn.arn, { ms: 400 }, CALLER_WITHOUT_IAM);
    await waitFor(() => readLog(logFile).length === 1, 'the first attempt to start');
    for (const { runtime, store } of open.splice(0)) {
      await runtime.close();
      store.close();
    }

    start(fn, sqs, stateDir);
    await waitFor(() => readLog(logFile).some((line) => line.phase === 'end'), 'the re-run to finish');
    expect(readLog(logFile).map((line) => line.phase)).toEqual(['start', 'start', 'end']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sqs.messages(DLQ)).toHaveLength(0);
  });
});
