import * as path from 'node:path';
import { systemClock, type Clock } from './clock';
import { createDynamoDb } from './dynamodb';
import { createEventBridge } from './eventbridge';
import { planFaults, type RuntimeFaults } from './faults';
import { createKms } from './kms';
import { createLambda } from './lambda';
import { consoleLogSink, type LogSink } from './log-sink';
import type { EventBridgePort } from './model/ports';
import type { LocalModel } from './model/types';
import { createPipesRunner } from './pipes';
import { startEndpoint } from './server';
import { createSes } from './ses';
import { createSqs } from './sqs';
import { openStateStore } from './storage/state-store';
import { createStreams } from './streams';
import { loadLocalModel } from './template';
import { SpanStore } from './trace';
import { createConsole, ReloadLog, type RedriveCommand } from './console';

export interface LocalRuntimeOptions {
  /** The synthesized cloud assembly. */
  cdkOutDir: string;
  stackName?: string;
  /** 0 picks a free port. */
  port: number;
  /** Where state persists across restarts; undefined keeps everything in memory. */
  stateDir?: string;
  region?: string;
  account?: string;
  /** Function logs and operator warnings of every service; defaults to standard output. */
  logSink?: LogSink;
  /** Faults to inject, all off by default (docs/fault-injection.md). A random fault's seed is logged at start. */
  faults?: RuntimeFaults;
  /**
   * The time every service runs on: visibility timeouts, batching windows, retry delays, record age, idle workers
   * and retention. The real clock by default; tests pass one they move by hand.
   */
  clock?: Clock;
  /** Shortens AWS's retry delays, for tests and soak runs that cannot wait minutes. */
  retryDelays?: { lambdaAsyncMs?: number[]; eventBridgeMs?: number[]; pipeBackoff?: { initialMs: number; maxMs: number } };
  /** How many hops the tracer keeps (local/trace); DEFAULT_SPAN_CAPACITY by default. */
  traceCapacity?: number;
  /** The project's redrive command, which the console runs for a dead-letter queue; without it, the console offers none. */
  redrive?: RedriveCommand;
}

export interface LocalRuntime {
  /** For example http://127.0.0.1:4566. */
  readonly endpoint: string;
  readonly model: LocalModel;
  /** Every hop of every path through the runtime, newest kept (local/trace). */
  readonly tracer: SpanStore;
  /** Watch mode's reloads, which the console lists. */
  readonly reloads: ReloadLog;
  /** Starts (or extends) an SES outage. */
  throttleSesFor(ms: number): void;
  /** Event deliveries the bus accepted that no target has accepted yet. */
  pendingDeliveries(): number;
  close(): Promise<void>;
}

export const LOCAL_ACCOUNT = '000000000000';

/**
 * Builds every supported resource of a synthesized template and serves them on one loopback endpoint.
 * Services are wired only through their ports; the order below is the order of their dependencies.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const account = options.account ?? LOCAL_ACCOUNT;
  const endpoint = await startEndpoint({ port: options.port, region, account });
  let endpointOpen = true;
  const closeEndpoint = async (): Promise<void> => {
    if (!endpointOpen) return;
    endpointOpen = false;
    await endpoint.close();
  };
  const closers: Array<() => Promise<void> | void> = [closeEndpoint];
  const close = async (): Promise<void> => {
    for (const closeOne of closers.reverse()) await closeOne();
  };

  try {
    const clock = options.clock ?? systemClock;
    const faults = planFaults(options.faults, { now: () => clock.now(), log: options.logSink ?? consoleLogSink });
    const model = loadLocalModel({ cdkOutDir: options.cdkOutDir, stackName: options.stackName, endpoint: endpoint.url, region, account });
    const store = openStateStore(options.stateDir && path.join(options.stateDir, 'state'));
    closers.push(() => store.close());
    const tracer = new SpanStore({ now: () => clock.now(), capacity: options.traceCapacity });

    const streams = createStreams({ tables: model.tables, store, region, clock, tracer });
    closers.push(() => streams.close());
    const dynamoDb = await createDynamoDb({
      tables: model.tables,
      dataDir: options.stateDir && path.join(options.stateDir, 'dynamodb'),
      streams: streams.capture,
      region,
      account,
      tracer,
    });
    closers.push(() => dynamoDb.close());

    const kms = createKms({ keys: model.keys, aliases: model.aliases, store, region, account });

    const sqs = createSqs({ queues: model.queues, store, endpoint: endpoint.url, region, account, logSink: options.logSink, clock, tracer });
    closers.push(() => sqs.close());
    // Closed in reverse: the endpoint stops once nothing runs that calls it, and before the stores behind it close.
    closers.push(closeEndpoint);

    // Lambda destinations may name the bus, and the bus invokes Lambda: bind the bus late.
    const bus: { port?: EventBridgePort } = {};
    const lateEventBridge: EventBridgePort = {
      putEvents: (entries) => {
        if (!bus.port) throw new Error('The event bus is not started yet');
        return bus.port.putEvents(entries);
      },
    };
    const lambda = createLambda({
      functions: model.functions,
      eventSourceMappings: model.eventSourceMappings,
      store,
      sqs: sqs.port,
      eventBridge: lateEventBridge,
      endpoint: endpoint.url,
      region,
      logSink: options.logSink,
      faults,
      asyncRetryDelaysMs: options.retryDelays?.lambdaAsyncMs,
      clock,
      tracer,
    });
    closers.push(() => lambda.close());

    const eventBridge = createEventBridge({
      buses: model.buses,
      rules: model.rules,
      archives: model.archives,
      store,
      sqs: sqs.port,
      lambda: lambda.port,
      region,
      account,
      faults,
      retryDelays: options.retryDelays?.eventBridgeMs,
      clock,
      logSink: options.logSink,
      tracer,
    });
    bus.port = eventBridge.port;
    closers.push(() => eventBridge.close());

    const ses = await createSes({ region, faults, store, clock, tracer });
    closers.push(() => ses.close());

    const pipes = createPipesRunner({
      pipes: model.pipes,
      store,
      streams: streams.port,
      lambda: lambda.port,
      eventBridge: eventBridge.port,
      sqs: sqs.port,
      region,
      account,
      logSink: options.logSink,
      faults,
      retryBackoff: options.retryDelays?.pipeBackoff,
      clock,
      tracer,
    });
    closers.push(() => pipes.close());

    const reloads = new ReloadLog();
    const context = { region, account, endpoint: endpoint.url };
    const localConsole = createConsole({
      token: endpoint.token,
      redrive: options.redrive,
      sources: {
        model: () => model,
        tracer,
        dynamoDb: async (operation, input) => dynamoDb.handler.handle(operation, input, context),
        eventBridge: async (operation, input) => eventBridge.handler.handle(operation, input, context),
        busInspection: () => eventBridge.inspection,
        sqs: () => sqs.inspection,
        lambda: () => lambda.port,
        pipePositions: () => pipes.positions(),
        mail: () => ses,
        reloads,
      },
    });
    closers.push(() => localConsole.close());

    for (const handler of [dynamoDb.handler, streams.handler, sqs.handler, kms.handler, eventBridge.handler, ses.handler, lambda.handler, localConsole.handler]) {
      endpoint.mount(handler);
    }
    lambda.start();
    pipes.start();

    return {
      endpoint: endpoint.url,
      model,
      tracer,
      reloads,
      throttleSesFor: (ms) => ses.throttleFor(ms),
      pendingDeliveries: () => eventBridge.pendingDeliveries(),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
