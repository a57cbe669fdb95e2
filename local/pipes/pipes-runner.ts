import { systemClock, type Clock } from '../clock';
import { PipeModel } from '../model/types';
import { EventBridgePort, LambdaPort, SqsPort, StreamsPort } from '../model/ports';
import { StateStore } from '../storage/state-store';
import { consoleLogSink, type LogSink } from '../log-sink';
import { NO_FAULTS, type FaultPlan } from '../faults';
import { NO_TRACING, type Tracer } from '../trace';
import { deliverBatch } from './batch-delivery';
import { PipeCheckpoints } from './checkpoints';
import { PipePoller, type StreamPipe } from './pipe-poller';
import { QueuePoller, type QueuePipe } from './queue-poller';
import type { RetryBackoff } from '../stream-consumer';

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
  /** How often SQS sources poll besides being woken by their queue; default 1000 ms. */
  queuePollIntervalMs?: number;
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

/**
 * Runs the template's pipes: DynamoDB stream sources (filters, enrichment, target, retries, bisect, DLQ) and SQS
 * sources (filters, enrichment, target, with the queue's visibility timeout and redrive policy for failures).
 */
export function createPipesRunner(options: PipesRunnerOptions): PipesRunner {
  const logSink = options.logSink ?? consoleLogSink;
  const clock = options.clock ?? systemClock;
  const checkpoints = new PipeCheckpoints(options.store);
  const faults = options.faults ?? NO_FAULTS;
  const ports = { lambda: options.lambda, eventBridge: options.eventBridge, sqs: options.sqs };
  const now = (): number => clock.now();
  const running = options.pipes.filter((pipe) => pipe.desiredState === 'RUNNING');
  const streamPollers = running
    .filter((pipe): pipe is StreamPipe => pipe.source.kind === 'dynamodb-stream')
    .map(
      (pipe) =>
        new PipePoller({
          pipe,
          streams: options.streams,
          sqs: options.sqs,
          checkpoints,
          deliver: (records, batchSpan) => deliverBatch(pipe, records, ports, now, batchSpan),
          duplicate: () => faults.duplicatePipeBatch(),
          backoff: options.retryBackoff ?? DEFAULT_BACKOFF,
          readRetryMs: options.readRetryMs ?? 1000,
          logSink,
          clock,
          tracer: options.tracer ?? NO_TRACING,
        }),
    );
  const queuePollers = running
    .filter((pipe): pipe is QueuePipe => pipe.source.kind === 'sqs')
    .map(
      (pipe) =>
        new QueuePoller({
          pipe,
          sqs: options.sqs,
          region: options.region,
          deliver: (records) => deliverBatch(pipe, records, ports, now),
          pollIntervalMs: options.queuePollIntervalMs ?? 1000,
          logSink,
          clock,
        }),
    );
  const pollers = [...streamPollers, ...queuePollers];
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
