import { systemClock, type Clock } from '../clock';
import { NO_FAULTS, type FaultPlan } from '../faults';
import type { EventBridgePort, LambdaPort, SnsPort, SqsPort } from '../model/ports';
import type { ApiDestinationModel, ArchiveModel, ConnectionModel, EventBusModel, RuleModel } from '../model/types';
import { ApiDestinations } from './api-destinations/api-destinations';
import type { HttpServiceHandler, JsonServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import { Archives } from './archives';
import { BusRegistry } from './bus-registry';
import { DEFAULT_RETRY_DELAYS_MS, Deliveries } from './delivery/deliveries';
import { DeliveryCallers } from './delivery/delivery-callers';
import { CALLERS_WITHOUT_IAM, type CallerFactory } from '../protocol/authorization';
import { entryAuthorizer } from './entry-authorization';
import { EventRouter } from './event-router';
import { createHandler } from './handler';
import type { EventBridgeState, ReplayRecord } from './state';
import { consoleLogSink, type LogSink } from '../log-sink';
import { NO_TRACING, type Tracer } from '../trace';
import { validatePutEvents } from './validations/put-events';
import { inspectEventBridge, type EventBridgeInspection } from './inspection';
import { Scheduler } from './scheduler';
import { createSchedulesHandler } from './schedules-handler';

export type { EventEnvelope } from './types';
export { DEFAULT_RETRY_DELAYS_MS } from './delivery/deliveries';
export { EVENTBRIDGE_OPERATIONS } from './operations';
export { SCHEDULES_PATH } from './schedules-handler';
export type { EventBridgeState } from './state';
export type { EventBridgeInspection } from './inspection';

export interface CreateEventBridgeOptions {
  buses: EventBusModel[];
  rules: RuleModel[];
  archives: ArchiveModel[];
  /** API destinations and their connections; none by default. */
  apiDestinations?: ApiDestinationModel[];
  connections?: ConnectionModel[];
  store: StateStore;
  sqs: SqsPort;
  lambda: LambdaPort;
  /** Topics that SNS targets publish to; without it, SNS targets are not delivered. */
  sns?: SnsPort;
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
  /** Who deliveries are made as (local IAM): EventBridge for the rule, or a target's role. Without it nothing is checked. */
  callers?: CallerFactory;
}

export interface LocalEventBridge {
  port: EventBridgePort;
  handler: JsonServiceHandler;
  /** For the console: which rules an event would match. */
  inspection: EventBridgeInspection;
  /** The runtime's own page for scheduled rules: list them, run one now. */
  schedulesHandler: HttpServiceHandler;
  /** Starts the scheduled rules' clocks. */
  start(): void;
  /** Deliveries accepted by the bus and not yet accepted by their target nor dead-lettered. */
  pendingDeliveries(): number;
  /** Stops retry and schedule timers; pending deliveries and next runs stay on disk for the next start. */
  close(): Promise<void>;
  /** Closes, and waits for the deliveries under way to finish. */
  drain(): Promise<void>;
}

export function createEventBridge(options: CreateEventBridgeOptions): LocalEventBridge {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const log = options.logSink ?? consoleLogSink;
  const registry = new BusRegistry(options.buses, options.rules, options.region, options.account, log);
  const archives = new Archives(options.archives, options.store, options.region, options.account, now, options.callers, log);
  const deliveries = new Deliveries({
    store: options.store,
    registry,
    sqs: options.sqs,
    lambda: options.lambda,
    sns: options.sns,
    apiDestinations: new ApiDestinations({ apiDestinations: options.apiDestinations ?? [], connections: options.connections ?? [], clock }),
    clock,
    retryDelays: options.retryDelays ?? DEFAULT_RETRY_DELAYS_MS,
    log,
    tracer: options.tracer,
    callers: new DeliveryCallers(options.callers ?? CALLERS_WITHOUT_IAM),
  });
  const router = new EventRouter({ registry, archives, deliveries, faults: options.faults ?? NO_FAULTS, now, tracer: options.tracer ?? NO_TRACING });
  const scheduler = new Scheduler({ registry, router, store: options.store, clock, log });
  const replays = options.store.collection<ReplayRecord>('eventbridge-replays');
  const state: EventBridgeState = { registry, archives, router, replays, now };
  return {
    // In process, entries get the checks a PutEvents request gets, the caller's authorization included.
    port: {
      putEvents: (entries, caller, trace) =>
        state.router.putEvents(validatePutEvents({ Entries: entries }).Entries, entryAuthorizer(caller), trace?.traceParent),
    },
    handler: createHandler(state),
    inspection: inspectEventBridge(registry, now),
    schedulesHandler: createSchedulesHandler(scheduler),
    start: () => scheduler.start(),
    pendingDeliveries: () => deliveries.size,
    close: async () => {
      scheduler.close();
      deliveries.close();
    },
    drain: async () => {
      scheduler.close();
      await deliveries.drain();
    },
  };
}
