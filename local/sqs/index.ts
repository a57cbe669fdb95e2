import { systemClock, type Clock } from '../clock';
import { consoleLogSink, type LogSink } from '../log-sink';
import type { SqsPort } from '../model/ports';
import type { QueueModel } from '../model/types';
import type { HttpServiceHandler, JsonServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import type { Tracer } from '../trace';
import { SqsEngine } from './engine';
import { createHandler } from './handler';
import { createQueryHandler } from './query-handler';
import { sqsPort } from './port';
import { inspectSqs, type SqsInspection } from './inspection';

export { SqsError } from './errors';
export { sqsEventRecord, type SqsEventRecord } from './event-record';
export { SQS_OPERATIONS } from './operations';
export type { SqsState } from './state';
export type { MessageView, QueueView, SqsInspection } from './inspection';

export interface CreateSqsOptions {
  queues: QueueModel[];
  store: StateStore;
  /** The endpoint queue URLs are built on when a request does not say how the client reached it. */
  endpoint: string;
  region: string;
  account: string;
  /** Visibility timeouts, delays, retention and long polls run on it; the real clock by default. */
  clock?: Clock;
  /** Where operator warnings go (a redrive target the runtime lacks, a failing listener). */
  logSink?: LogSink;
  /** Every message sent, and every move to a dead-letter queue, is a hop. */
  tracer?: Tracer;
}

export interface LocalSqs {
  port: SqsPort;
  handler: JsonServiceHandler;
  /** For the console: queues and their messages, read without receiving them. */
  inspection: SqsInspection;
  /** The same operations over SQS's older query protocol. */
  queryHandler: HttpServiceHandler;
  /** Stops timers and ends pending long polls; durable state stays in the store, which the caller closes. */
  close(): Promise<void>;
}

export function createSqs(options: CreateSqsOptions): LocalSqs {
  const engine = new SqsEngine({
    queues: options.queues,
    store: options.store,
    account: options.account,
    clock: options.clock ?? systemClock,
    log: options.logSink ?? consoleLogSink,
    tracer: options.tracer,
  });
  const state = { engine, endpoint: options.endpoint };
  return {
    port: sqsPort(engine),
    handler: createHandler(state),
    queryHandler: createQueryHandler(state, options.account),
    inspection: inspectSqs(engine),
    close: async () => engine.close(),
  };
}
