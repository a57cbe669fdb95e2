import * as path from 'node:path';
import { LOCAL_ACCOUNT } from './account';
import { systemClock, type Clock } from './clock';
import { createDynamoDb, type TtlSweepResult } from './dynamodb';
import { createEventBridge } from './eventbridge';
import { planFaults, type RuntimeFaults } from './faults';
import { createLocalIam, type IamMode, type LocalIam } from './iam';
import { createKms } from './kms';
import { createLambda } from './lambda';
import { consoleLogSink, type LogSink } from './log-sink';
import type { EventBridgePort, SnsPort } from './model/ports';
import type { LocalModel } from './model/types';
import { createPipesRunner } from './pipes';
import { startEndpoint } from './server';
import { createSes } from './ses';
import { createSns } from './sns';
import { createSqs } from './sqs';
import { openStateStore } from './storage/state-store';
import { createStreams, persistentStreamLabels } from './streams';
import { loadLocalModel } from './template';

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
  /** Values of the Secrets Manager references the template makes (API destination credentials), by secret id. */
  secrets?: Readonly<Record<string, string>>;
  /** Shortens AWS's retry delays, for tests and soak runs that cannot wait minutes. */
  retryDelays?: {
    lambdaAsyncMs?: number[];
    eventBridgeMs?: number[];
    pipeBackoff?: { initialMs: number; maxMs: number };
    /** Lambda's backoff between retries of a failing stream batch. */
    streamMappingBackoff?: { initialMs: number; maxMs: number };
  };
  /**
   * Local IAM: `enforce` (the default) refuses what AWS would refuse, `warn` lets it through and names it, `off`
   * checks nothing. See the README's "Local IAM".
   */
  iam?: IamMode;
}

export interface LocalRuntime {
  /** For example http://127.0.0.1:4566. */
  readonly endpoint: string;
  readonly model: LocalModel;
  /** Starts (or extends) an SES outage. */
  throttleSesFor(ms: number): void;
  /** Event deliveries the bus accepted that no target has accepted yet. */
  pendingDeliveries(): number;
  /** What local IAM checked, allowed and refused during the run, and the credentials of the template's roles. */
  readonly iam: LocalIam;
  /** Deletes every item whose time to live has passed, now, as `POST /_local/dynamodb/ttl-sweep` does. */
  sweepTimeToLive(): Promise<TtlSweepResult>;
  close(): Promise<void>;
}

export { LOCAL_ACCOUNT } from './account';

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
    const store = openStateStore(options.stateDir && path.join(options.stateDir, 'state'));
    closers.push(() => store.close());
    const model = loadLocalModel({
      cdkOutDir: options.cdkOutDir,
      stackName: options.stackName,
      endpoint: endpoint.url,
      region,
      account,
      streamLabel: persistentStreamLabels(store, () => clock.now()),
      secrets: options.secrets,
    });
    const iam = createLocalIam({
      iam: model.iam,
      mode: options.iam ?? 'enforce',
      region,
      account,
      now: () => clock.now(),
      log: options.logSink ?? consoleLogSink,
      stateDir: options.stateDir,
    });
    closers.push(() => iam.close());
    endpoint.identifyCallers((credentials, sourceIp) => iam.callers.forRequest(credentials, sourceIp));

    const streams = createStreams({ tables: model.tables, store, region, account, clock });
    closers.push(() => streams.close());
    const dynamoDb = await createDynamoDb({
      tables: model.tables,
      dataDir: options.stateDir && path.join(options.stateDir, 'dynamodb'),
      streams: streams.capture,
      streamRegistry: streams.registry,
      region,
      account,
      clock,
      logSink: options.logSink,
    });
    closers.push(() => dynamoDb.close());

    const kms = createKms({ keys: model.keys, aliases: model.aliases, store, region, account });

    const sqs = createSqs({ queues: model.queues, store, endpoint: endpoint.url, region, account, logSink: options.logSink, clock });
    closers.push(() => sqs.close());
    // Closed in reverse: the endpoint stops once nothing runs that calls it, and before the stores behind it close.
    closers.push(closeEndpoint);

    // Lambda destinations may name the bus or a topic, and both invoke Lambda: bind them late.
    const bus: { port?: EventBridgePort } = {};
    const lateEventBridge: EventBridgePort = {
      putEvents: (entries, caller) => {
        if (!bus.port) throw new Error('The event bus is not started yet');
        return bus.port.putEvents(entries, caller);
      },
    };
    const topics: { port?: SnsPort } = {};
    const lateSns: SnsPort = {
      publish: (topicArn, input, caller) => {
        if (!topics.port) throw new Error('SNS is not started yet');
        return topics.port.publish(topicArn, input, caller);
      },
    };
    const lambda = createLambda({
      functions: model.functions,
      eventSourceMappings: model.eventSourceMappings,
      streamEventSourceMappings: model.streamEventSourceMappings,
      store,
      sqs: sqs.port,
      streams: streams.port,
      eventBridge: lateEventBridge,
      sns: lateSns,
      endpoint: endpoint.url,
      region,
      logSink: options.logSink,
      faults,
      asyncRetryDelaysMs: options.retryDelays?.lambdaAsyncMs,
      streamRetryBackoff: options.retryDelays?.streamMappingBackoff,
      clock,
      callers: iam.callers,
    });
    closers.push(() => lambda.close());

    const sns = createSns({
      topics: model.topics,
      subscriptions: model.snsSubscriptions,
      sqs: sqs.port,
      lambda: lambda.port,
      region,
      account,
      clock,
      logSink: options.logSink,
      callers: iam.callers,
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
      retryDelays: options.retryDelays?.eventBridgeMs,
      clock,
      logSink: options.logSink,
      callers: iam.callers,
    });
    bus.port = eventBridge.port;
    closers.push(() => eventBridge.close());

    const ses = await createSes({ region, faults, store, clock });
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
      callers: iam.callers,
    });
    closers.push(() => pipes.close());

    for (const handler of [dynamoDb.handler, streams.handler, sqs.handler, kms.handler, eventBridge.handler, ses.handler, lambda.handler, sns.handler, pipes.handler]) {
      endpoint.mount(handler);
    }
    endpoint.mount(dynamoDb.ttlSweepHandler);
    endpoint.mount(eventBridge.schedulesHandler);
    endpoint.mount(sqs.queryHandler);
    lambda.start();
    eventBridge.start();
    pipes.start();

    return {
      endpoint: endpoint.url,
      model,
      throttleSesFor: (ms) => ses.throttleFor(ms),
      pendingDeliveries: () => eventBridge.pendingDeliveries(),
      iam,
      sweepTimeToLive: () => dynamoDb.sweepTimeToLive(),
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
