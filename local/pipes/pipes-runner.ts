import { systemClock, type Clock } from '../clock';
import { PipeModel } from '../model/types';
import { EventBridgePort, LambdaPort, SqsPort, StreamsPort } from '../model/ports';
import { StateStore } from '../storage/state-store';
import { consoleLogSink, type LogSink } from '../log-sink';
import { NO_FAULTS, type FaultPlan } from '../faults';
import { NO_TRACING, type Tracer } from '../trace';
import { deliverBatch } from './batch-delivery';
import { PipeCheckpoints } from './checkpoints';
import { PipePoller } from './pipe-poller';
import { RetryBackoff } from './retrying-delivery';

export interface PipesRunnerOptions {
  pipes: PipeModel[];
  /** Holds each pipe's checkpoint in its stream. */
  store: StateStore;
  streams: StreamsPort;
  lambda: LambdaPort;
  eventBridge: EventBridgePort;
  sqs: SqsPort;
  region: string;
  account: string;
  logSink?: LogSink;
  /** Decides which settled batches are delivered a second time; none by default. */
  faults?: FaultPlan;
  /** Backoff between retries of a failing batch; default 1 s doubling up to 30 s. */
  retryBackoff?: RetryBackoff;
  /** Wait before re-reading a stream that could not be read; default 1000 ms. */
  readRetryMs?: number;
  /** Batching windows, retry backoff and record age run on it; the real clock by default. */
  clock?: Clock;
  /** Each batch (and each record a filter leaves out) is a hop, caused by its stream records. */
  tracer?: Tracer;
}

export interface PipesRunner {
  /** For the console: the last sequence number each pipe settled in its stream. */
  positions(): Map<string, string | undefined>;
  start(): void;
  close(): Promise<void>;
}

const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 1000, maxMs: 30_000 };

/** Runs the template's pipes with DynamoDB stream sources: filters, enrichment, target, retries, bisect, DLQ. */
export function createPipesRunner(options: PipesRunnerOptions): PipesRunner {
  const logSink = options.logSink ?? consoleLogSink;
  const checkpoints = new PipeCheckpoints(options.store);
  const faults = options.faults ?? NO_FAULTS;
  const ports = { lambda: options.lambda, eventBridge: options.eventBridge, sqs: options.sqs };
  const pollers = options.pipes
    .filter((pipe) => pipe.desiredState === 'RUNNING')
    .map(
      (pipe) =>
        new PipePoller({
          pipe,
          streams: options.streams,
          sqs: options.sqs,
          checkpoints,
          deliver: (records, batchSpan) => deliverBatch(pipe, records, ports, batchSpan),
          duplicate: () => faults.duplicatePipeBatch(),
          backoff: options.retryBackoff ?? DEFAULT_BACKOFF,
          readRetryMs: options.readRetryMs ?? 1000,
          logSink,
          clock: options.clock ?? systemClock,
          tracer: options.tracer ?? NO_TRACING,
        }),
    );
  return {
    positions: () => checkpoints.all(),
    start() {
      for (const poller of pollers) poller.start();
    },
    async close() {
      await Promise.all(pollers.map((poller) => poller.close()));
    },
  };
}
