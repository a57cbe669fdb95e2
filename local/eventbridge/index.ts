import { systemClock, type Clock } from '../clock';
import { NO_FAULTS, type FaultPlan } from '../faults';
import type { EventBridgePort, LambdaPort, SqsPort } from '../model/ports';
import type { ArchiveModel, EventBusModel, RuleModel } from '../model/types';
import type { JsonServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import { Archives } from './archives';
import { BusRegistry } from './bus-registry';
import { DEFAULT_RETRY_DELAYS_MS, Deliveries } from './delivery/deliveries';
import { EventRouter } from './event-router';
import { putEvents } from './actions/put-events';
import { createHandler } from './handler';
import type { EventBridgeState, ReplayRecord } from './state';
import { consoleLogSink, type LogSink } from '../log-sink';
import { NO_TRACING, type Tracer } from '../trace';
import { validatePutEvents } from './validations/put-events';
import { inspectEventBridge, type EventBridgeInspection } from './inspection';

export type { EventEnvelope } from './types';
export { DEFAULT_RETRY_DELAYS_MS } from './delivery/deliveries';
export { EVENTBRIDGE_OPERATIONS } from './operations';
export type { EventBridgeState } from './state';
export type { EventBridgeInspection } from './inspection';

export interface CreateEventBridgeOptions {
  buses: EventBusModel[];
  rules: RuleModel[];
  archives: ArchiveModel[];
  store: StateStore;
  sqs: SqsPort;
  lambda: LambdaPort;
  region: string;
  account: string;
  /** Delay before retry n (0-based) of a failed target delivery, in ms; the last value repeats. */
  retryDelays?: readonly number[];
  /** Decides which rule-target deliveries are delivered a second time; none by default. */
  faults?: FaultPlan;
  /** Where delivery outcomes worth an operator's eye go (dead-lettered, dropped); no event detail is logged. */
  logSink?: LogSink;
  /** Retry delays, event ages, archive retention and event times run on it; the real clock by default. */
  clock?: Clock;
  /** Each event, rule match and target delivery is a hop. */
  tracer?: Tracer;
}

export interface LocalEventBridge {
  port: EventBridgePort;
  handler: JsonServiceHandler;
  /** For the console: which rules an event would match. */
  inspection: EventBridgeInspection;
  /** Deliveries accepted by the bus and not yet accepted by their target nor dead-lettered. */
  pendingDeliveries(): number;
  /** Stops retry timers; pending deliveries stay on disk and resume on the next start. */
  close(): Promise<void>;
  /** Closes, and waits for the deliveries under way to finish. */
  drain(): Promise<void>;
}

export function createEventBridge(options: CreateEventBridgeOptions): LocalEventBridge {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const log = options.logSink ?? consoleLogSink;
  const registry = new BusRegistry(options.buses, options.rules, options.region, options.account, log);
  const archives = new Archives(options.archives, options.store, options.region, options.account, now);
  const deliveries = new Deliveries({
    store: options.store,
    registry,
    sqs: options.sqs,
    lambda: options.lambda,
    clock,
    retryDelays: options.retryDelays ?? DEFAULT_RETRY_DELAYS_MS,
    log,
    tracer: options.tracer,
  });
  const router = new EventRouter({ registry, archives, deliveries, faults: options.faults ?? NO_FAULTS, now, tracer: options.tracer ?? NO_TRACING });
  const replays = options.store.collection<ReplayRecord>('eventbridge-replays');
  const state: EventBridgeState = { registry, archives, router, replays, now };
  return {
    // In process, entries get the checks a PutEvents request gets.
    port: { putEvents: (entries, trace) => putEvents(state, validatePutEvents({ Entries: entries }), trace) },
    handler: createHandler(state),
    inspection: inspectEventBridge(registry, now),
    pendingDeliveries: () => deliveries.size,
    close: async () => deliveries.close(),
    drain: () => deliveries.drain(),
  };
}
