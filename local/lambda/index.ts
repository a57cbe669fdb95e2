import { randomUUID } from 'node:crypto';
import { FunctionModel, SqsEventSourceMappingModel, StreamEventSourceMappingModel } from '../model/types';
import { EventBridgePort, LambdaInvokeResult, LambdaPort, SnsPort, SqsPort, StreamsPort, TraceOptions } from '../model/ports';
import { CALLERS_WITHOUT_IAM, requireAuthorization, type CallerFactory, type RequestCaller } from '../protocol/authorization';
import { NO_TRACING, type SpanId, type Tracer } from '../trace';
import type { HttpServiceHandler } from '../protocol/service';
import { StateStore } from '../storage/state-store';
import { arnService, functionNameFromArnOrName } from '../template/arns';
import { AsyncInvoker } from './async-invoker';
import { DestinationRecord } from './destination-record';
import { systemClock, type Clock } from '../clock';
import { NO_FAULTS, type FaultPlan } from '../faults';
import { FunctionIdentity } from './function-identity';
import { createHandler } from './handler';
import { consoleLogSink, type LogSink } from '../log-sink';
import { SqsEventSource } from './sqs-event-source';
import type { RetryBackoff } from '../stream-consumer';
import { StreamMappingCheckpoints } from './stream-checkpoints';
import { StreamEventSource } from './stream-event-source';
import type { StreamInvocationRecord } from './stream-failure-record';
import { WorkerPool } from './worker-pool';

export { DestinationRecord } from './destination-record';
export type { SqsEventRecord } from '../sqs/event-record';
export type { StreamInvocationRecord } from './stream-failure-record';
export type { TumblingWindowEvent } from './tumbling-window';
export { LAMBDA_OPERATIONS } from './operations';
export type { LambdaState } from './state';

export interface CreateLambdaOptions {
  functions: FunctionModel[];
  eventSourceMappings: SqsEventSourceMappingModel[];
  /** Event source mappings on DynamoDB streams; they need `streams`. */
  streamEventSourceMappings?: StreamEventSourceMappingModel[];
  /** Holds pending asynchronous events and stream mappings' checkpoints, so they survive a crash. */
  store: StateStore;
  sqs: SqsPort;
  /** The streams that stream event source mappings read. */
  streams?: StreamsPort;
  /** Receives on-failure records whose destination is an event bus; without it they are logged as undeliverable. */
  eventBridge?: EventBridgePort;
  /** Receives destination records whose destination is an SNS topic; without it they are logged as undeliverable. */
  sns?: SnsPort;
  /** Handed to every function as AWS_ENDPOINT_URL. */
  endpoint: string;
  region: string;
  logSink?: LogSink;
  /** Decides which invocations fail or time out; none by default. */
  faults?: FaultPlan;
  /**
   * Workers (concurrent invocations) per function; default 2, raised for a function to its event source
   * mappings' maximum concurrency. Each warm worker holds its own copy of the bundle (20-70 MB).
   */
  maxConcurrencyPerFunction?: number;
  /** How long a warm worker may wait for work before it is stopped and its memory returned; default 120 s (see `DEFAULT_IDLE_WORKER_TIMEOUT_MS`). */
  idleWorkerTimeoutMs?: number;
  /** Delays before async retries 1, 2, …; the last repeats. Default: 60 s then 120 s, as AWS. */
  asyncRetryDelaysMs?: number[];
  /** How often event source mappings poll besides being woken by their queue; default 1000 ms. */
  sqsPollIntervalMs?: number;
  /** Backoff between retries of a failing stream batch; default 1 s doubling up to 30 s. */
  streamRetryBackoff?: RetryBackoff;
  /** Wait before re-reading a stream that could not be read; default 1000 ms. */
  streamReadRetryMs?: number;
  /** Idle-worker timeouts, async retry delays and event ages, and batching windows run on it; the real clock by default. */
  clock?: Clock;
  /** Each invocation (with its output), async event and event source batch is a hop. */
  tracer?: Tracer;
  /** Who functions' sandboxes, mappings and destinations act as (local IAM); without it nothing is checked. */
  callers?: CallerFactory;
}

export interface LocalLambda {
  port: LambdaPort;
  /** Lambda's API on the endpoint: Invoke and ListFunctions. */
  handler: HttpServiceHandler;
  /** Resumes pending async events and starts the event source mappings. */
  start(): void;
  /**
   * The function's bundle was rebuilt into `codeDir`: the next invocation runs it, and sandboxes running the old
   * code finish their invocation first. Throws for a function the runtime does not run.
   */
  replaceCode(functionArn: string, codeDir: string): void;
  /** Lets what runs finish (mapping batches, async attempts, and so their invocations), starting nothing new. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const DEFAULT_CONCURRENCY = 2;
/**
 * Lambda keeps an idle sandbox for minutes; locally, two minutes. That outlasts a burst's backlog: after 10,000
 * inserts the benchmark's enrichment sat idle for about 50 s while the queues drained, and at 10 s its next call, and
 * the paced users behind it, waited about 180 ms for a cold start. An idle worker's 20-70 MB still come back soon.
 */
const DEFAULT_IDLE_WORKER_TIMEOUT_MS = 120_000;
const AWS_ASYNC_RETRY_DELAYS_MS = [60_000, 120_000];
const DEFAULT_STREAM_BACKOFF: RetryBackoff = { initialMs: 1000, maxMs: 30_000 };

/** Runs the template's functions in worker threads, with Lambda's invocation, retry and event source semantics. */
export function createLambda(options: CreateLambdaOptions): LocalLambda {
  const logSink = options.logSink ?? consoleLogSink;
  const clock = options.clock ?? systemClock;
  const scope = { endpoint: options.endpoint, region: options.region };
  const concurrency = options.maxConcurrencyPerFunction ?? DEFAULT_CONCURRENCY;
  const idleTimeoutMs = options.idleWorkerTimeoutMs ?? DEFAULT_IDLE_WORKER_TIMEOUT_MS;
  const streamMappings = (options.streamEventSourceMappings ?? []).filter((mapping) => mapping.enabled);
  // Enough workers for every concurrent batch the function's mappings may run at once.
  const poolSize = (fn: FunctionModel): number =>
    Math.max(
      concurrency,
      ...options.eventSourceMappings.filter((mapping) => mapping.functionArn === fn.arn).map((mapping) => mapping.maximumConcurrency ?? 0),
      streamMappings.filter((mapping) => mapping.functionArn === fn.arn).reduce((sum, mapping) => sum + mapping.parallelizationFactor, 0),
    );
  const tracer = options.tracer ?? NO_TRACING;
  // With tracing off, sandboxes neither mark their invocations' output nor tag their calls: no work for no span.
  const sandboxTracer = tracer === NO_TRACING ? undefined : tracer;
  const pools = new Map(
    options.functions.map((fn) => [fn.arn, new WorkerPool(fn, scope, logSink, poolSize(fn), idleTimeoutMs, clock, sandboxTracer)]),
  );
  const faults = options.faults ?? NO_FAULTS;
  const callers = options.callers ?? CALLERS_WITHOUT_IAM;
  const identities = new Map(options.functions.map((fn) => [fn.arn, new FunctionIdentity(fn, callers)]));
  const identityOf = (fn: FunctionModel): FunctionIdentity => identities.get(fn.arn) as FunctionIdentity;

  function functionByArn(arnOrName: string): FunctionModel | undefined {
    const name = functionNameFromArnOrName(arnOrName);
    return options.functions.find((fn) => fn.name === name);
  }

  /** One invocation, traced as a hop caused by `traceParent`; its span comes back with the result. */
  async function invokeFunction(fn: FunctionModel, event: unknown, requestId: string = randomUUID(), traceParent?: SpanId): Promise<LambdaInvokeResult> {
    const eventJson = JSON.stringify(event ?? null);
    const span = tracer.start({ kind: 'lambda.invoke', resource: fn.arn, name: fn.name, parents: [traceParent], ids: [requestId], payload: eventJson });
    const startedAt = performance.now();
    const settle = (result: LambdaInvokeResult, cold: boolean): LambdaInvokeResult => {
      const durationMs = Math.round(performance.now() - startedAt);
      if (result.error) tracer.log(span, `${result.error.errorType}: ${result.error.errorMessage}`);
      tracer.end(span, result.error ? 'error' : 'ok', { requestId, cold, durationMs, ...(result.error && { errorType: result.error.errorType }) });
      return span ? { ...result, traceSpan: span } : result;
    };
    const pool = pools.get(fn.arn) as WorkerPool;
    const identity = identityOf(fn);
    if (identity.assumeRole()) {
      return settle({ error: { errorType: 'InvalidParameterValueException', errorMessage: 'The role defined for the function cannot be assumed by Lambda.' } }, false);
    }
    identity.writeLogs();
    const fault = faults.lambdaInvocation(fn.name);
    if (fault === 'fail') {
      logSink(`[${fn.name}] injected failure for request ${requestId}`);
      return settle({ error: { errorType: 'InjectedFault', errorMessage: 'Invocation failed by fault injection' } }, false);
    }
    let outcome: Awaited<ReturnType<WorkerPool['invoke']>>;
    try {
      outcome = await pool.invoke({ eventJson, requestId, traceSpan: span || undefined });
    } catch (error) {
      // A worker that cannot even start (for example, out of resources) fails the invocation, not the runtime.
      logSink(`[${fn.name}] could not run request ${requestId}: ${(error as Error).message}`);
      const message = `The local runtime could not start the function: ${(error as Error).message}`;
      return settle({ error: { errorType: 'ServiceException', errorMessage: message } }, true);
    }
    if (fault === 'timeout') {
      logSink(`[${fn.name}] injected timeout for request ${requestId} (the handler ran)`);
      return settle({ error: { errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` } }, outcome.cold);
    }
    return settle(outcome.result, outcome.cold);
  }

  /** Destinations are sent to as the function's execution role, which needs the permission to send there. */
  async function sendToDestination(destinationArn: string, record: DestinationRecord, fn: FunctionModel, traceParent: SpanId | undefined): Promise<void> {
    const service = arnService(destinationArn);
    const caller = identityOf(fn).caller;
    const deadLetter = record.requestContext.condition !== 'Success';
    if (service === 'sqs') {
      options.sqs.send(destinationArn, { body: JSON.stringify(record), trace: { parent: traceParent, deadLetter } }, caller);
    } else if (service === 'lambda') {
      await port.invokeAsync(destinationArn, record, caller, { traceParent });
    } else if (service === 'sns' && options.sns) {
      await options.sns.publish(destinationArn, { message: JSON.stringify(record) }, caller, { traceParent });
    } else if (service === 'events' && options.eventBridge) {
      const outcome = record.requestContext.condition === 'Success' ? 'Success' : 'Failure';
      const result = options.eventBridge.putEvents([
        {
          Source: 'lambda',
          DetailType: `Lambda Function Invocation Result - ${outcome}`,
          Detail: JSON.stringify(record),
          EventBusName: destinationArn,
          Resources: [destinationArn, record.requestContext.functionArn],
        },
      ], caller, { traceParent });
      if (result.FailedEntryCount > 0) throw new Error(result.Entries[0]?.ErrorMessage ?? 'PutEvents failed');
    } else {
      throw new Error(`destination type ${service ?? destinationArn} is not supported locally`);
    }
  }

  const asyncInvoker = new AsyncInvoker({
    store: options.store,
    functionByArn,
    invoke: invokeFunction,
    sendToDestination,
    concurrency: (fn) => (pools.get(fn.arn) as WorkerPool).maxConcurrency,
    retryDelaysMs: options.asyncRetryDelaysMs ?? AWS_ASYNC_RETRY_DELAYS_MS,
    logSink,
    clock,
    tracer,
  });

  const eventSources = options.eventSourceMappings
    .filter((mapping) => mapping.enabled)
    .map((mapping) => {
      const fn = functionByArn(mapping.functionArn);
      if (!fn) throw new Error(`Event source mapping ${mapping.logicalId} targets unknown function ${mapping.functionArn}`);
      return new SqsEventSource({
        mapping,
        fn,
        sqs: options.sqs,
        caller: identityOf(fn).caller,
        region: options.region,
        invoke: (target, event, traceParent) => invokeFunction(target, event, undefined, traceParent),
        defaultConcurrency: (pools.get(fn.arn) as WorkerPool).maxConcurrency,
        pollIntervalMs: options.sqsPollIntervalMs ?? 1000,
        logSink,
        clock,
        tracer,
      });
    });

  // Authorized on the ARN as the caller names it: a grant on `function:name` does not cover `function:name:$LATEST`.
  const authorizeInvoke = (functionArn: string, caller: RequestCaller): void =>
    requireAuthorization(caller, [{ action: 'lambda:InvokeFunction', resource: functionArn.startsWith('arn:') ? functionArn : (functionByArn(functionArn)?.arn ?? functionArn) }]);

  /** A stream mapping's on-failure record is sent as the function's execution role, as AWS sends it. */
  async function sendStreamFailure(fn: FunctionModel, destinationArn: string, record: StreamInvocationRecord): Promise<void> {
    if (arnService(destinationArn) !== 'sqs') throw new Error(`destination ${destinationArn} is not supported locally (SQS only)`);
    options.sqs.send(destinationArn, { body: JSON.stringify(record) }, identityOf(fn).caller);
  }

  const streamCheckpoints = new StreamMappingCheckpoints(options.store);
  const streamSources = streamMappings.map((mapping) => {
    const fn = functionByArn(mapping.functionArn);
    if (!fn) throw new Error(`Event source mapping ${mapping.logicalId} targets unknown function ${mapping.functionArn}`);
    if (!options.streams) throw new Error(`Event source mapping ${mapping.logicalId} reads a stream, but no streams were given to Lambda`);
    return new StreamEventSource({
      mapping,
      fn,
      streams: options.streams,
      caller: identityOf(fn).caller,
      checkpoints: streamCheckpoints,
      invoke: (target, event, requestId, traceParent) => invokeFunction(target, event, requestId, traceParent),
      sendOnFailure: (destinationArn, record) => sendStreamFailure(fn, destinationArn, record),
      backoff: options.streamRetryBackoff ?? DEFAULT_STREAM_BACKOFF,
      readRetryMs: options.streamReadRetryMs ?? 1000,
      logSink,
      clock,
      tracer,
    });
  });

  const port: LambdaPort = {
    async invoke(functionArn, event, caller, trace?: TraceOptions) {
      authorizeInvoke(functionArn, caller);
      const fn = functionByArn(functionArn);
      if (!fn) return { error: { errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionArn}` } };
      return invokeFunction(fn, event, undefined, trace?.traceParent);
    },
    async invokeAsync(functionArn, event, caller, trace?: TraceOptions) {
      authorizeInvoke(functionArn, caller);
      const fn = functionByArn(functionArn);
      if (!fn) throw new Error(`Function not found: ${functionArn}`);
      asyncInvoker.accept(fn, event, trace?.traceParent);
    },
  };

  return {
    port,
    handler: createHandler({ functions: options.functions, port }),
    start() {
      asyncInvoker.start();
      for (const source of eventSources) source.start();
      for (const source of streamSources) source.start();
    },
    replaceCode(functionArn, codeDir) {
      const fn = functionByArn(functionArn);
      if (!fn) throw new Error(`No function ${functionArn} runs here`);
      // The model's function is the pool's: new sandboxes start in the new folder.
      fn.codeDir = codeDir;
      (pools.get(fn.arn) as WorkerPool).retireSandboxes();
    },
    async drain() {
      await Promise.all([...eventSources, ...streamSources].map((source) => source.close()));
      await asyncInvoker.drain();
    },
    async close() {
      asyncInvoker.close();
      await Promise.all([...eventSources, ...streamSources].map((source) => source.close()));
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
