import type { Clock } from './clock';
import { createEventBridge, type LocalEventBridge } from './eventbridge';
import type { FaultPlan } from './faults';
import { createLocalIam, type IamMode, type LocalIam } from './iam';
import { createKms } from './kms';
import { createLambda, type LocalLambda } from './lambda';
import { consoleLogSink, type LogSink } from './log-sink';
import type { EventBridgePort, SnsPort, StreamsPort } from './model/ports';
import type { LocalModel } from './model/types';
import { createPipesRunner, type PipesRunner } from './pipes';
import type { JsonServiceHandler } from './protocol/service';
import type { ServiceHandler } from './server';
import { createSns } from './sns';
import { createSqs, type LocalSqs } from './sqs';
import type { StateStore } from './storage/state-store';
import type { Tracer } from './trace';

/** What every generation shares with the runtime: state, time, faults, tracing, the endpoint's address. */
export interface GenerationContext {
  store: StateStore;
  streams: StreamsPort;
  endpoint: string;
  region: string;
  account: string;
  clock: Clock;
  faults: FaultPlan;
  tracer: Tracer;
  logSink?: LogSink;
  retryDelays?: RetryDelays;
  /** Local IAM's mode, and where its usage report is kept (undefined: in memory only). */
  iam: { mode: IamMode; stateDir?: string };
}

/** AWS's retry delays, shortened for tests and soak runs that cannot wait minutes. */
export interface RetryDelays {
  lambdaAsyncMs?: number[];
  eventBridgeMs?: number[];
  pipeBackoff?: { initialMs: number; maxMs: number };
  /** Lambda's backoff between retries of a failing stream batch. */
  streamMappingBackoff?: { initialMs: number; maxMs: number };
}

/**
 * The services a template defines and that a new template may change: queues, keys, functions (and their event
 * source mappings), topics and their subscriptions, buses, rules (scheduled ones too), API destinations and pipes.
 * Their state is in the shared store (queue messages, pending deliveries and async events, scheduled rules' next
 * runs, pipe positions, key secrets), so a generation built from a new template picks up where the last one
 * stopped. Tables, streams and captured mail outlive every generation.
 * Each generation reads its template's roles and policies into its own local IAM, so a reload that edits a grant
 * applies it; role credentials derive from role ARNs, so a sandbox's keys still name its role after a reload.
 */
export interface Generation {
  readonly model: LocalModel;
  /** The template's IAM: every service of the generation acts, and every request is identified, through it. */
  readonly iam: LocalIam;
  readonly sqs: LocalSqs;
  readonly lambda: LocalLambda;
  readonly eventBridge: LocalEventBridge;
  readonly pipes: PipesRunner;
  readonly kmsHandler: JsonServiceHandler;
  /** The handlers to mount, in a fixed order, which every generation repeats. */
  readonly handlers: readonly ServiceHandler[];
  start(): void;
  /**
   * Stops taking new work and lets what runs finish: pipe batches, rule deliveries, mapping batches and async
   * attempts (and so the invocations they wait on). Queues and keys keep answering meanwhile.
   */
  drain(): Promise<void>;
  close(): Promise<void>;
}

export function startGeneration(model: LocalModel, context: GenerationContext): Generation {
  const { store, region, account, clock, faults, tracer, logSink } = context;
  const iam = createLocalIam({
    iam: model.iam,
    mode: context.iam.mode,
    region,
    account,
    now: () => clock.now(),
    log: logSink ?? consoleLogSink,
    stateDir: context.iam.stateDir,
  });
  const { callers } = iam;
  const kms = createKms({ keys: model.keys, aliases: model.aliases, store, region, account });
  const sqs = createSqs({ queues: model.queues, store, endpoint: context.endpoint, region, account, logSink, clock, tracer });

  // Lambda destinations may name the bus or a topic, and both invoke Lambda: bind them late.
  const bus: { port?: EventBridgePort } = {};
  const lateEventBridge: EventBridgePort = {
    putEvents: (entries, caller, trace) => {
      if (!bus.port) throw new Error('The event bus is not started yet');
      return bus.port.putEvents(entries, caller, trace);
    },
  };
  const topics: { port?: SnsPort } = {};
  const lateSns: SnsPort = {
    publish: (topicArn, input, caller, trace) => {
      if (!topics.port) throw new Error('SNS is not started yet');
      return topics.port.publish(topicArn, input, caller, trace);
    },
  };
  const lambda = createLambda({
    functions: model.functions,
    eventSourceMappings: model.eventSourceMappings,
    streamEventSourceMappings: model.streamEventSourceMappings,
    store,
    sqs: sqs.port,
    streams: context.streams,
    eventBridge: lateEventBridge,
    sns: lateSns,
    endpoint: context.endpoint,
    region,
    logSink,
    faults,
    asyncRetryDelaysMs: context.retryDelays?.lambdaAsyncMs,
    streamRetryBackoff: context.retryDelays?.streamMappingBackoff,
    clock,
    tracer,
    callers,
  });
  const sns = createSns({
    topics: model.topics,
    subscriptions: model.snsSubscriptions,
    sqs: sqs.port,
    lambda: lambda.port,
    region,
    account,
    clock,
    logSink,
    tracer,
    callers,
  });
  topics.port = sns.port;
  const eventBridge = createEventBridge({
    buses: model.buses,
    rules: model.rules,
    archives: model.archives,
    apiDestinations: model.apiDestinations,
    connections: model.connections,
    store,
    sqs: sqs.port,
    lambda: lambda.port,
    sns: sns.port,
    region,
    account,
    faults,
    retryDelays: context.retryDelays?.eventBridgeMs,
    clock,
    logSink,
    tracer,
    callers,
  });
  bus.port = eventBridge.port;
  const pipes = createPipesRunner({
    pipes: model.pipes,
    store,
    streams: context.streams,
    lambda: lambda.port,
    eventBridge: eventBridge.port,
    sqs: sqs.port,
    region,
    account,
    logSink,
    faults,
    retryBackoff: context.retryDelays?.pipeBackoff,
    clock,
    tracer,
    callers,
  });

  return {
    model,
    iam,
    sqs,
    lambda,
    eventBridge,
    pipes,
    kmsHandler: kms.handler,
    handlers: [sqs.handler, sqs.queryHandler, kms.handler, eventBridge.handler, eventBridge.schedulesHandler, lambda.handler, sns.handler, pipes.handler],
    start() {
      lambda.start();
      eventBridge.start();
      pipes.start();
    },
    async drain() {
      await pipes.close();
      await eventBridge.drain();
      await lambda.drain();
    },
    async close() {
      await pipes.close();
      await eventBridge.close();
      await lambda.close();
      await sqs.close();
      iam.close();
    },
  };
}
