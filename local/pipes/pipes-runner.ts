import { PipeModel } from '../model/types';
import { EventBridgePort, LambdaPort, SqsPort, StreamsPort } from '../model/ports';
import { StateStore } from '../storage/state-store';
import { consoleLogSink, type LogSink } from '../log-sink';
import { seededRandom } from '../faults/seeded-random';
import { deliverBatch } from './batch-delivery';
import { PipeCheckpoints } from './checkpoints';
import { PipePoller } from './pipe-poller';
import { RetryBackoff } from './retrying-delivery';

/** Fault injection (off by default). */
export interface PipeFaults {
  /** 0..1: the share of settled batches delivered a second time, as after a crash before the checkpoint. */
  duplicateShare?: number;
  seed?: number;
}

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
  faults?: PipeFaults;
  /** Backoff between retries of a failing batch; default 1 s doubling up to 30 s. */
  retryBackoff?: RetryBackoff;
  /** Wait before re-reading a stream that could not be read; default 1000 ms. */
  readRetryMs?: number;
}

export interface PipesRunner {
  start(): void;
  close(): Promise<void>;
}

const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 1000, maxMs: 30_000 };

function duplicateDecider(faults: PipeFaults | undefined): () => boolean {
  const share = faults?.duplicateShare ?? 0;
  if (!(share >= 0 && share <= 1)) throw new Error(`Pipe fault duplicateShare must be between 0 and 1, got ${share}`);
  if (share === 0) return () => false;
  const random = seededRandom(faults?.seed ?? Date.now());
  return () => random() < share;
}

/** Runs the template's pipes with DynamoDB stream sources: filters, enrichment, target, retries, bisect, DLQ. */
export function createPipesRunner(options: PipesRunnerOptions): PipesRunner {
  const logSink = options.logSink ?? consoleLogSink;
  const checkpoints = new PipeCheckpoints(options.store);
  const duplicate = duplicateDecider(options.faults);
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
          deliver: (records) => deliverBatch(pipe, records, ports),
          duplicate,
          backoff: options.retryBackoff ?? DEFAULT_BACKOFF,
          readRetryMs: options.readRetryMs ?? 1000,
          logSink,
        }),
    );
  return {
    start() {
      for (const poller of pollers) poller.start();
    },
    async close() {
      await Promise.all(pollers.map((poller) => poller.close()));
    },
  };
}
