import * as path from 'node:path';
import { LOCAL_ACCOUNT } from './account';
import { systemClock, type Clock } from './clock';
import { createDynamoDb, type TtlSweepResult } from './dynamodb';
import { planFaults, type RuntimeFaults } from './faults';
import type { IamMode, LocalIam } from './iam';
import { consoleLogSink, type LogSink } from './log-sink';
import type { LocalModel } from './model/types';
import type { RequestCaller } from './protocol/authorization';
import type { HttpServiceHandler, JsonServiceHandler, RequestContext } from './protocol/service';
import { startGeneration, type GenerationContext, type RetryDelays } from './runtime-generation';
import { LOOPBACK_HOST, startEndpoint, type ServiceHandler } from './server';
import { createSes } from './ses';
import { openStateStore } from './storage/state-store';
import { createStreams, persistentStreamLabels } from './streams';
import { loadLocalModel } from './template';
import { NO_TRACING, SpanStore, type Tracer } from './trace';
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
  /** Values of the Secrets Manager references the template makes (API destination credentials), by secret id. */
  secrets?: Readonly<Record<string, string>>;
  /** Shortens AWS's retry delays, for tests and soak runs that cannot wait minutes. */
  retryDelays?: RetryDelays;
  /** How many hops the tracer keeps (local/trace); DEFAULT_SPAN_CAPACITY by default. */
  traceCapacity?: number;
  /**
   * Whether every hop is recorded for the console's traces and topology counts (the default). Off, no span is
   * recorded and functions' output is not attributed to invocations: the benchmark measures what tracing costs.
   */
  tracing?: boolean;
  /** The project's redrive command, which the console runs for a dead-letter queue; without it, the console offers none. */
  redrive?: RedriveCommand;
  /**
   * The role (its ARN) the console's actions (send an event, invoke a function) are made as, as an operator assumes
   * one in AWS to act on the stack; undefined: the local account's administrator, as a request without a role's
   * credentials is. The console reads tables as the administrator, who may read them.
   */
  consoleRole?: string;
  /**
   * Local IAM: `enforce` (the default) refuses what AWS would refuse, `warn` lets it through and names it, `off`
   * checks nothing. See the README's "Local IAM".
   */
  iam?: IamMode;
}

export interface LocalRuntime {
  /** For example http://127.0.0.1:4566. */
  readonly endpoint: string;
  /** The template the runtime runs now; `apply` replaces it. */
  readonly model: LocalModel;
  /** Every hop of every path through the runtime, newest kept (local/trace); empty with `tracing: false`. */
  readonly tracer: SpanStore;
  /** Watch mode's reloads, which the console lists. */
  readonly reloads: ReloadLog;
  /** Starts (or extends) an SES outage. */
  throttleSesFor(ms: number): void;
  /** Event deliveries the bus accepted that no target has accepted yet. */
  pendingDeliveries(): number;
  /**
   * Runs a function's rebuilt bundle from `codeDir` from its next invocation on; sandboxes running the old code
   * finish their invocation first.
   */
  replaceFunctionCode(functionArn: string, codeDir: string): void;
  /**
   * Runs a new template (a new synthesis of the same app) in place of the current one: what runs now finishes,
   * then queues, keys, functions, topics, buses, rules (scheduled ones too), API destinations and pipes are rebuilt
   * from it, and added tables are created. Table items, queue messages, stream positions, pending deliveries,
   * scheduled rules' next runs and captured mail are kept.
   */
  apply(model: LocalModel): Promise<ModelChanges>;
  /**
   * The template in `cdkOutDir`, read again as the runtime read it at the start (its endpoint, account and the
   * stream labels it keeps), for `apply` after a new synthesis.
   */
  loadModel(): LocalModel;
  /**
   * What local IAM checked, allowed and refused, and the credentials of the template's roles. A reload reads the
   * new template's roles and policies, so this is the running template's IAM, counted since it was applied.
   */
  readonly iam: LocalIam;
  /** Deletes every item whose time to live has passed, now, as `POST /_local/dynamodb/ttl-sweep` does. */
  sweepTimeToLive(): Promise<TtlSweepResult>;
  /**
   * What the start left until just after it returned, so that the ready banner does not wait for it: loading SES's
   * capture engine (aws-ses-v2-local), which a request reaching SES before then loads itself. Rejects with what
   * failed, as the start would have failed with it; `npm start` exits on that.
   */
  readonly deferred: Promise<void>;
  close(): Promise<void>;
}

/** What `apply` added and removed, by resource name. */
export interface ModelChanges {
  added: string[];
  removed: string[];
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
    const streamLabel = persistentStreamLabels(store, () => clock.now());
    const loadModel = (): LocalModel =>
      loadLocalModel({
        cdkOutDir: options.cdkOutDir,
        stackName: options.stackName,
        endpoint: endpoint.url,
        region,
        account,
        streamLabel,
        secrets: options.secrets,
      });
    const initialModel = loadModel();
    const spans = new SpanStore({ now: () => clock.now(), capacity: options.traceCapacity });
    const tracer: Tracer = options.tracing === false ? NO_TRACING : spans;

    const streams = createStreams({ tables: initialModel.tables, store, region, account, clock, tracer });
    closers.push(() => streams.close());
    const dynamoDb = await createDynamoDb({
      tables: initialModel.tables,
      dataDir: options.stateDir && path.join(options.stateDir, 'dynamodb'),
      streams: streams.capture,
      streamRegistry: streams.registry,
      region,
      account,
      tracer,
      clock,
      logSink: options.logSink,
    });
    closers.push(() => dynamoDb.close());
    const ses = await createSes({ region, faults, store, clock, tracer });
    closers.push(() => ses.close());
    // Closed in reverse: the endpoint stops once nothing runs that calls it, and before the stores behind it close.
    closers.push(closeEndpoint);

    const generationContext: GenerationContext = {
      store,
      streams: streams.port,
      endpoint: endpoint.url,
      region,
      account,
      clock,
      faults,
      tracer,
      logSink: options.logSink,
      retryDelays: options.retryDelays,
      iam: { mode: options.iam ?? 'enforce', stateDir: options.stateDir },
    };
    let generation = startGeneration(initialModel, generationContext);
    closers.push(() => generation.close());
    // Callers are told by the IAM of the template running now: a reload that edits a grant applies it.
    endpoint.identifyCallers((credentials, sourceIp) => generation.iam.callers.forRequest(credentials, sourceIp));

    const reloads = new ReloadLog();
    // The console acts as its configured role, or as a request without a role's credentials: the administrator.
    const administrator = (): RequestCaller => generation.iam.callers.forRequest({}, LOOPBACK_HOST);
    const operator = (): RequestCaller => (options.consoleRole === undefined ? administrator() : generation.iam.callers.forRole(options.consoleRole, 'console'));
    const context = (caller: RequestCaller): RequestContext => ({ region, account, endpoint: endpoint.url, caller });
    const localConsole = createConsole({
      token: endpoint.token,
      redrive: options.redrive,
      sources: {
        model: () => generation.model,
        tracer: spans,
        dynamoDb: async (operation, input) => dynamoDb.handler.handle(operation, input, context(administrator())),
        eventBridge: async (operation, input) => generation.eventBridge.handler.handle(operation, input, context(operator())),
        busInspection: () => generation.eventBridge.inspection,
        sqs: () => generation.sqs.inspection,
        invokeFunction: (functionArn, event) => generation.lambda.port.invoke(functionArn, event, operator()),
        pipePositions: () => generation.pipes.positions(),
        mail: () => ses,
        reloads,
      },
    });
    closers.push(() => localConsole.close());

    // A generation's handlers are mounted once, as stand-ins that always reach the generation running now.
    const replaceable = generation.handlers.map((handler, index) => delegateTo(handler, () => generation.handlers[index]));
    for (const handler of [dynamoDb.handler, streams.handler, ses.handler, localConsole.handler, ...replaceable]) endpoint.mount(handler);
    generation.start();

    let applying = Promise.resolve();
    const apply = (model: LocalModel): Promise<ModelChanges> => {
      const applied = applying.then(async () => {
        const previous = generation;
        await previous.drain();
        streams.addTables(model.tables);
        await dynamoDb.addTables(model.tables);
        generation = startGeneration(model, generationContext);
        await previous.close();
        generation.start();
        return modelChanges(previous.model, model);
      });
      applying = applied.then(() => undefined, () => undefined);
      return applied;
    };
    endpoint.mount(dynamoDb.ttlSweepHandler);
    // A macrotask runs after the caller's continuation, which prints the banner, and after requests already read.
    const deferred = new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        try {
          ses.load();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? new Error(`SES's capture engine (aws-ses-v2-local) did not load: ${error.message}`) : error);
        }
      }),
    );
    // Observed here so that a caller that never waits for it is not failed by an unhandled rejection; SES's
    // requests then fail with the same error.
    deferred.catch(() => undefined);

    return {
      endpoint: endpoint.url,
      get model() {
        return generation.model;
      },
      tracer: spans,
      reloads,
      throttleSesFor: (ms) => ses.throttleFor(ms),
      pendingDeliveries: () => generation.eventBridge.pendingDeliveries(),
      get iam() {
        return generation.iam;
      },
      sweepTimeToLive: () => dynamoDb.sweepTimeToLive(),
      deferred,
      replaceFunctionCode: (functionArn, codeDir) => generation.lambda.replaceCode(functionArn, codeDir),
      loadModel,
      apply,
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** A handler that answers as whatever `current` returns, with the names the first one was mounted under. */
function delegateTo(first: ServiceHandler, current: () => ServiceHandler): ServiceHandler {
  if ('targetPrefixes' in first) {
    const json: JsonServiceHandler = {
      targetPrefixes: first.targetPrefixes,
      handle: (operation, input, context) => (current() as JsonServiceHandler).handle(operation, input, context),
    };
    return json;
  }
  const http: HttpServiceHandler = {
    signingNames: first.signingNames,
    pathPrefixes: first.pathPrefixes,
    handle: (request, body, response, context) => (current() as HttpServiceHandler).handle(request, body, response, context),
  };
  return http;
}

/** Resources by name, so a reload's line says what it added and removed. */
function modelChanges(before: LocalModel, after: LocalModel): ModelChanges {
  const names = (model: LocalModel): Set<string> =>
    new Set(
      [...model.tables, ...model.queues, ...model.functions, ...model.topics, ...model.buses, ...model.rules, ...model.apiDestinations, ...model.pipes].map(
        (resource) => resource.name,
      ),
    );
  const old = names(before);
  const now = names(after);
  return { added: [...now].filter((name) => !old.has(name)).sort(), removed: [...old].filter((name) => !now.has(name)).sort() };
}
