import * as path from 'node:path';
import { planFaults } from '../../../local/faults';
import { createLambda, LocalLambda } from '../../../local/lambda';
import { openStateStore } from '../../../local/storage/state-store';
import { ManualClock } from '../../../support/manual-clock';
import { FakeSqs } from '../../../support/fake-sqs';
import { REGION, temporaryDirectory } from '../../../support/local-fixtures';
import { waitFor } from '../../../support/waiting';
import { readLog } from '../../../support/fixture-log';
import { ENDPOINT, testFunction } from './helpers';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

describe('Lambda runtime: synchronous invocations', () => {
  const logs: string[] = [];
  const logFile = path.join(temporaryDirectory('lambda-invoke-'), 'calls.jsonl');
  const functions = [
    testFunction('fn-a', 'environment', { environment: { ONLY_A: 'a', SHARED: 'from-a' }, timeoutSeconds: 7 }),
    testFunction('fn-b', 'environment', { environment: { ONLY_B: 'b', SHARED: 'from-b' }, memorySizeMb: 256 }),
    testFunction('counter', 'counter'),
    testFunction('echo', 'echo', { environment: { LOG_FILE: logFile } }),
    testFunction('callback', 'callback'),
    testFunction('throws', 'throws'),
    testFunction('sleepy', 'sleep', { timeoutSeconds: 1 }),
    testFunction('sleepy-counter', 'counter', { timeoutSeconds: 1 }),
    testFunction('hog', 'hog', { memorySizeMb: 32, timeoutSeconds: 30 }),
    testFunction('exits', 'exits'),
    testFunction('broken', 'handler', { codeDir: path.join(__dirname, 'fixtures', 'broken') }),
    testFunction('missing-export', 'nope'),
  ];
  let runtime: LocalLambda;

  beforeAll(() => {
    process.env.RUNTIME_SECRET = 'must-not-leak';
    runtime = createLambda({
      functions,
      eventSourceMappings: [],
      store: openStateStore(undefined),
      sqs: new FakeSqs(),
      endpoint: ENDPOINT,
      region: REGION,
      logSink: (line) => logs.push(line),
    });
    runtime.start();
  });
  afterAll(async () => {
    delete process.env.RUNTIME_SECRET;
    await runtime.close();
  });

  const arn = (name: string): string => `arn:aws:lambda:${REGION}:000000000000:function:${name}`;

  it('gives each function its own environment, pointed at the local endpoint, and a Lambda context', async () => {
    const names = ['ONLY_A', 'ONLY_B', 'SHARED', 'RUNTIME_SECRET', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL',
      'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'LAMBDA_TASK_ROOT'];
    const [a, b] = await Promise.all([runtime.port.invoke(arn('fn-a'), { names }, CALLER_WITHOUT_IAM), runtime.port.invoke(arn('fn-b'), { names }, CALLER_WITHOUT_IAM)]);
    expect(a.error).toBeUndefined();
    const aPayload = a.payload as { env: Record<string, string | undefined>; context: Record<string, unknown> };
    const bPayload = b.payload as { env: Record<string, string | undefined> };
    expect(aPayload.env).toEqual({
      ONLY_A: 'a',
      SHARED: 'from-a',
      AWS_REGION: REGION,
      AWS_DEFAULT_REGION: REGION,
      AWS_ENDPOINT_URL: ENDPOINT,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_LAMBDA_FUNCTION_NAME: 'fn-a',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      LAMBDA_TASK_ROOT: functions[0].codeDir,
    });
    expect(bPayload.env).toMatchObject({ ONLY_B: 'b', SHARED: 'from-b', AWS_LAMBDA_FUNCTION_NAME: 'fn-b', AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' });
    expect(bPayload.env.ONLY_A).toBeUndefined();
    expect(aPayload.context).toMatchObject({ functionName: 'fn-a', invokedFunctionArn: arn('fn-a'), memoryLimitInMB: '128' });
    expect(aPayload.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(aPayload.context.remaining).toBeGreaterThan(5000);
    expect(aPayload.context.remaining).toBeLessThanOrEqual(7000);
  });

  it('reuses a warm worker between invocations', async () => {
    expect((await runtime.port.invoke(arn('counter'), {}, CALLER_WITHOUT_IAM)).payload).toBe(1);
    expect((await runtime.port.invoke(arn('counter'), {}, CALLER_WITHOUT_IAM)).payload).toBe(2);
  });

  it('accepts functions by name or ARN and returns the handler result as JSON', async () => {
    const result = await runtime.port.invoke('echo', { when: new Date(0), list: [1, 'two'] }, CALLER_WITHOUT_IAM);
    expect(result).toEqual({ payload: { when: '1970-01-01T00:00:00.000Z', list: [1, 'two'] } });
    expect(readLog(logFile).map((line) => line.event)).toEqual([{ when: '1970-01-01T00:00:00.000Z', list: [1, 'two'] }]);
  });

  it("prints the handler's stdout and stderr prefixed with the function name", async () => {
    await runtime.port.invoke(arn('echo'), { n: 1 }, CALLER_WITHOUT_IAM);
    await waitFor('stdout line', () => logs.includes('[echo] echo called with {"n":1}'));
    await waitFor('stderr line', () => logs.includes('[echo] to stderr'));
  });

  it('supports callback-style handlers', async () => {
    expect(await runtime.port.invoke(arn('callback'), {}, CALLER_WITHOUT_IAM)).toEqual({ payload: { via: 'callback' } });
    const failed = await runtime.port.invoke(arn('callback'), { fail: true }, CALLER_WITHOUT_IAM);
    expect(failed.error).toMatchObject({ errorType: 'RangeError', errorMessage: 'callback failed' });
  });

  it('returns thrown errors with their type, message and trace', async () => {
    const result = await runtime.port.invoke(arn('throws'), { id: 7 }, CALLER_WITHOUT_IAM);
    expect(result.payload).toBeUndefined();
    expect(result.error).toMatchObject({ errorType: 'ValidationFailed', errorMessage: 'cannot process {"id":7}' });
    expect(result.error?.trace?.[0]).toContain('cannot process');
  });

  it('terminates a handler that overruns its timeout and serves the next call from a cold worker', async () => {
    // A function's own timeout runs on real time (its handler runs in a worker thread, not on the injected clock):
    // a loose bound shows the call ended at the 1 s timeout rather than when the 10 s handler would have.
    const started = Date.now();
    const result = await runtime.port.invoke(arn('sleepy'), { ms: 10_000 }, CALLER_WITHOUT_IAM);
    expect(result.error).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await runtime.port.invoke(arn('sleepy'), { ms: 10 }, CALLER_WITHOUT_IAM)).payload).toBe('slept');
  });

  it('kills a handler that exceeds its memory size', async () => {
    const result = await runtime.port.invoke(arn('hog'), {}, CALLER_WITHOUT_IAM);
    expect(result.error?.errorType).toBe('Runtime.OutOfMemory');
    expect(result.error?.errorMessage).toContain('limit 32 MB');
  });

  it('reports a handler that exits the process', async () => {
    const result = await runtime.port.invoke(arn('exits'), {}, CALLER_WITHOUT_IAM);
    expect(result.error).toEqual({ errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with status 3' });
  });

  it('reports import failures, missing exports and unknown functions', async () => {
    expect((await runtime.port.invoke(arn('broken'), {}, CALLER_WITHOUT_IAM)).error).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: 'Error: broken at import',
    });
    expect((await runtime.port.invoke(arn('missing-export'), {}, CALLER_WITHOUT_IAM)).error).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.nope is undefined or not exported',
    });
    expect((await runtime.port.invoke(arn('nobody'), {}, CALLER_WITHOUT_IAM)).error?.errorType).toBe('ResourceNotFoundException');
  });
});

describe('Lambda runtime: idle workers', () => {
  // The counter function counts its calls in module state: 1 again means a cold sandbox.
  it.each([
    ['the given idle timeout', 60_000, { idleWorkerTimeoutMs: 60_000 }],
    ['two minutes by default, which outlasts a burst backlog', 120_000, {}],
  ])('stops a worker left idle past %s and serves the next call from a cold one', async (_, idleMs, options) => {
    const clock = new ManualClock();
    const runtime = createLambda({
      functions: [testFunction('counter', 'counter')],
      eventSourceMappings: [],
      store: openStateStore(undefined),
      sqs: new FakeSqs(),
      endpoint: ENDPOINT,
      region: REGION,
      ...options,
      clock,
    });
    runtime.start();
    try {
      expect((await runtime.port.invoke('counter', {}, CALLER_WITHOUT_IAM)).payload).toBe(1);
      expect((await runtime.port.invoke('counter', {}, CALLER_WITHOUT_IAM)).payload).toBe(2);
      clock.advance(idleMs - 1);
      expect((await runtime.port.invoke('counter', {}, CALLER_WITHOUT_IAM)).payload).toBe(3);
      clock.advance(idleMs);
      expect((await runtime.port.invoke('counter', {}, CALLER_WITHOUT_IAM)).payload).toBe(1);
    } finally {
      await runtime.close();
    }
  });
});

describe('Lambda runtime: fault injection', () => {
  async function outcomes({ seed, ...lambda }: { failShare?: number; timeoutShare?: number; seed?: number }, calls: number): Promise<string[]> {
    const logFile = path.join(temporaryDirectory('lambda-faults-'), 'calls.jsonl');
    const runtime = createLambda({
      functions: [testFunction('echo', 'echo', { environment: { LOG_FILE: logFile } })],
      eventSourceMappings: [],
      store: openStateStore(undefined),
      sqs: new FakeSqs(),
      endpoint: ENDPOINT,
      region: REGION,
      logSink: () => undefined,
      faults: planFaults({ seed, lambda }),
    });
    try {
      const results: string[] = [];
      for (let i = 0; i < calls; i++) {
        const result = await runtime.port.invoke('echo', { i }, CALLER_WITHOUT_IAM);
        results.push(result.error?.errorType ?? 'ok');
      }
      results.push(`ran:${readLog(logFile).length}`);
      return results;
    } finally {
      await runtime.close();
    }
  }

  it('fails every invocation without running it when failShare is 1', async () => {
    expect(await outcomes({ failShare: 1 }, 3)).toEqual(['InjectedFault', 'InjectedFault', 'InjectedFault', 'ran:0']);
  });

  it('runs the handler but reports a timeout when timeoutShare is 1', async () => {
    expect(await outcomes({ timeoutShare: 1 }, 2)).toEqual(['Sandbox.Timedout', 'Sandbox.Timedout', 'ran:2']);
  });

  it('makes the same decisions for the same seed, and a share of them', async () => {
    const first = await outcomes({ failShare: 0.5, seed: 42 }, 20);
    const second = await outcomes({ failShare: 0.5, seed: 42 }, 20);
    expect(second).toEqual(first);
    const failures = first.filter((outcome) => outcome === 'InjectedFault').length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(17);
  });
});
