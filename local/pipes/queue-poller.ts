import { every, type Clock, type Timer } from '../clock';
import type { LogSink } from '../log-sink';
import type { SqsPort } from '../model/ports';
import type { PipeModel, QueuePipeSourceModel } from '../model/types';
import type { RequestCaller } from '../protocol/authorization';
import { compilePipeFilters, type PipeFilters } from '../patterns';
import { sqsEventRecord, type SqsEventRecord } from '../sqs/event-record';
import type { DeliveryOutcome } from './batch-delivery';
import { withDecodedBody } from './input-template';

/** A pipe whose source is an SQS queue. */
export type QueuePipe = PipeModel & { source: QueuePipeSourceModel };

export interface QueuePollerOptions {
  pipe: QueuePipe;
  sqs: SqsPort;
  /** The pipe's role, which it reads and deletes the queue's messages as. */
  caller: RequestCaller;
  region: string;
  deliver(records: SqsEventRecord[]): Promise<DeliveryOutcome<SqsEventRecord>>;
  /** How often the queue is polled besides being woken when a message may have become receivable. */
  pollIntervalMs: number;
  logSink: LogSink;
  /** Batching windows and the polling interval run on it. */
  clock: Clock;
}

/**
 * One pipe on an SQS queue: receives messages (in batches by size and batching window), deletes those the filter
 * criteria do not match, delivers the rest through enrichment and target, and deletes what was delivered. A message
 * that failed stays on the queue: it comes back after its visibility timeout, and the queue's redrive policy moves it
 * to the queue's DLQ after maxReceiveCount receives, as AWS does for pipes with an SQS source.
 */
export class QueuePoller {
  private readonly filters: PipeFilters;
  private readonly buffer: SqsEventRecord[] = [];
  private bufferStartedAt = 0;
  private busy: Promise<void> | undefined;
  private wakeScheduled = false;
  private closed = false;
  private windowTimer: Timer | undefined;
  private pollTimer: Timer | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: QueuePollerOptions) {
    this.filters = compilePipeFilters(options.pipe.filters);
  }

  start(): void {
    const { pipe, sqs, pollIntervalMs, clock } = this.options;
    this.unsubscribe = sqs.onAvailable(pipe.source.queueArn, () => this.wake());
    this.pollTimer = every(clock, pollIntervalMs, () => this.wake());
    this.wake();
  }

  /** Stops polling and waits for the batch in flight, so its deletes are not lost. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.pollTimer?.cancel();
    this.windowTimer?.cancel();
    await this.busy;
  }

  private log(message: string): void {
    this.options.logSink(`[pipe ${this.options.pipe.name}] ${message}`);
  }

  /** Coalesces wake-ups and leaves the caller's stack: the queue may call us from inside its own send. */
  private wake(): void {
    if (this.wakeScheduled || this.closed) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.poll();
    });
  }

  private poll(): void {
    if (this.closed || this.busy) return;
    const { pipe, sqs, region, clock } = this.options;
    const { queueArn, batchSize, maximumBatchingWindowSeconds } = pipe.source;
    while (this.buffer.length < batchSize) {
      let received;
      try {
        received = sqs.receive(queueArn, batchSize - this.buffer.length, this.options.caller);
      } catch (error) {
        this.log(`cannot poll ${queueArn}: ${(error as Error).message}`);
        return;
      }
      if (received.length === 0) break;
      for (const message of received) {
        const record = sqsEventRecord(message, queueArn, region);
        if (!this.filters.matches(withDecodedBody(record) as object)) {
          // A message the filter criteria do not match is dropped from the queue, never delivered.
          sqs.delete(queueArn, message.receiptHandle, this.options.caller);
          continue;
        }
        // A message whose visibility timeout ran out while the batch gathered comes back: it is the same message,
        // and its newest receipt handle is the one that deletes it.
        const held = this.buffer.findIndex((other) => other.messageId === record.messageId);
        if (held >= 0) {
          this.buffer[held] = record;
          continue;
        }
        if (this.buffer.length === 0) this.bufferStartedAt = clock.now();
        this.buffer.push(record);
      }
    }
    if (this.buffer.length === 0) return;
    const waited = clock.now() - this.bufferStartedAt;
    const windowMs = maximumBatchingWindowSeconds * 1000;
    if (this.buffer.length < batchSize && waited < windowMs) {
      this.windowTimer ??= clock.setTimer(windowMs - waited, () => {
        this.windowTimer = undefined;
        this.wake();
      });
      return;
    }
    this.windowTimer?.cancel();
    this.windowTimer = undefined;
    const batch = this.buffer.splice(0);
    this.busy = this.process(batch)
      .catch((error: Error) => this.log(`batch handling failed: ${error.stack ?? error.message}`))
      .finally(() => {
        this.busy = undefined;
        this.wake();
      });
  }

  private async process(batch: SqsEventRecord[]): Promise<void> {
    const { pipe, sqs } = this.options;
    const outcome = await this.options.deliver(batch);
    const failed = new Set(outcome.ok ? [] : outcome.failed.map((record) => record.messageId));
    for (const record of batch) {
      if (!failed.has(record.messageId)) sqs.delete(pipe.source.queueArn, record.receiptHandle, this.options.caller);
    }
    if (!outcome.ok) {
      this.log(`${failed.size} of ${batch.length} message(s) failed (${outcome.reason}); they return after their visibility timeout`);
    }
  }
}
