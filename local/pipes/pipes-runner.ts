import { systemClock, type Clock } from '../clock';
import { PipeModel } from '../model/types';
import { EventBridgePort, LambdaPort, SqsPort, StreamsPort } from '../model/ports';
import type { HttpServiceHandler } from '../protocol/service';
import { StateStore } from '../storage/state-store';
import { consoleLogSink, type LogSink } from '../log-sink';
import { NO_FAULTS, type FaultPlan } from '../faults';
import { CALLER_WITHOUT_IAM, CALLERS_WITHOUT_IAM, type CallerFactory } from '../protocol/authorization';
import { NO_TRACING, type Tracer } from '../trace';
import { deliverBatch } from './batch-delivery';
import { PipeCheckpoints } from './checkpoints';
import { createHandler } from './handler';
import { checkPipeAccess, type PipeStatus } from './pipe-access';
import { pipeExecutionLogger } from './pipe-logs';
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
  /** The sessions pipes act as (local IAM): each pipe as its role. Without it nothing is checked. */
  callers?: CallerFactory;
}

export interface PipesRunner {
  /** The Pipes API on the endpoint: DescribePipe and ListPipes. */
  handler: HttpServiceHandler;
  /** For the console: the last sequence number each pipe settled in its stream. */
  positions(): Map<string, string | undefined>;
  start(): void;
  /** Each pipe's state, as DescribePipe reports it: RUNNING, STOPPED or CREATE_FAILED with AWS's reason. */
  status(pipeName: string): PipeStatus | undefined;
  close(): Promise<void>;
}

const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 1000, maxMs: 30_000 };

/**
 * Runs the template's pipes: DynamoDB stream sources (filters, enrichment, target, retries, bisect, DLQ) and SQS
 * sources (filters, enrichment, target, with the queue's visibility timeout and redrive policy for failures). Each
 * pipe acts as its role.
 */
export function createPipesRunner(options: PipesRunnerOptions): PipesRunner {
  const logSink = options.logSink ?? consoleLogSink;
  const clock = options.clock ?? systemClock;
  const checkpoints = new PipeCheckpoints(options.store);
  const faults = options.faults ?? NO_FAULTS;
  const callers = options.callers ?? CALLERS_WITHOUT_IAM;
  const now = (): number => clock.now();
  const statuses = new Map<string, PipeStatus>();
  const pollers = options.pipes
    .filter((pipe) => pipe.desiredState === 'RUNNING')
    .map((pipe) => {
      // A pipe always has a role in AWS; one without (a test's own model) runs without checks.
      const caller = pipe.roleArn === undefined ? CALLER_WITHOUT_IAM : callers.forRole(pipe.roleArn, pipe.name);
      const ports = { lambda: options.lambda, eventBridge: options.eventBridge, sqs: options.sqs, caller };
      const poller = isStreamPipe(pipe)
        ? new PipePoller({
            pipe,
            streams: options.streams,
            sqs: options.sqs,
            caller,
            executionFailed: pipeExecutionLogger(pipe, caller),
            checkpoints,
            deliver: (records, batchSpan) => deliverBatch(pipe, records, ports, now, batchSpan),
            duplicate: () => faults.duplicatePipeBatch(),
            backoff: options.retryBackoff ?? DEFAULT_BACKOFF,
            readRetryMs: options.readRetryMs ?? 1000,
            logSink,
            clock,
            tracer: options.tracer ?? NO_TRACING,
          })
        : new QueuePoller({
            // The source is not a stream, so it is a queue: the model has no third kind.
            pipe: pipe as QueuePipe,
            sqs: options.sqs,
            caller,
            region: options.region,
            deliver: (records) => deliverBatch(pipe, records, ports, now),
            pollIntervalMs: options.queuePollIntervalMs ?? 1000,
            logSink,
            clock,
          });
      return { pipe, caller, poller };
    });
  for (const pipe of options.pipes) if (pipe.desiredState === 'STOPPED') statuses.set(pipe.name, { state: 'STOPPED' });
  const status = (pipeName: string): PipeStatus | undefined => statuses.get(pipeName);
  const createdAt = Math.floor(clock.now() / 1000);
  return {
    handler: createHandler({ pipes: options.pipes, status, createdAt }),
    positions: () => checkpoints.all(),
    start() {
      for (const { pipe, caller, poller } of pollers) {
        const status = checkPipeAccess(pipe, callers, caller, options.sqs);
        statuses.set(pipe.name, status);
        if (status.state === 'CREATE_FAILED') {
          logSink(`[pipe ${pipe.name}] CREATE_FAILED: ${status.reason}; its records wait in its source`);
          continue;
        }
        poller.start();
      }
    },
    status,
    async close() {
      await Promise.all(pollers.map(({ poller }) => poller.close()));
    },
  };
}

function isStreamPipe(pipe: PipeModel): pipe is StreamPipe {
  return pipe.source.kind === 'dynamodb-stream';
}
