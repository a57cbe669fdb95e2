import type { Clock, Timer } from '../clock';
import { compilePipeFilters, type PipeFilters } from '../patterns';
import type { PipeModel, StreamPipeSourceModel } from '../model/types';
import { SqsPort, StreamReader, StreamRecord, StreamsPort } from '../model/ports';
import { requireAuthorization, type RequestCaller } from '../protocol/authorization';
import type { LogSink } from '../log-sink';
import { recordSpanKey } from '../streams/record-span';
import type { SpanId, Tracer } from '../trace';
import { DeliveryOutcome } from './batch-delivery';
import { PipeCheckpoints, StreamPosition } from './checkpoints';
import { deliverWithRetries, InterruptibleSleeps, ReadFailures, type RetryBackoff, type StreamFailureCondition } from '../stream-consumer';
import { streamDeadLetterRecord } from './dead-letter-record';

/** A pipe whose source is a DynamoDB stream. */
export type StreamPipe = PipeModel & { source: StreamPipeSourceModel };

export interface PipePollerOptions {
  pipe: StreamPipe;
  streams: StreamsPort;
  sqs: SqsPort;
  /** The pipe's role: the stream is read, and the dead-letter queue written, as it. */
  caller: RequestCaller;
  /** Called with each failed execution, which the pipe logs to its log group when it has one. */
  executionFailed(reason: string): void;
  checkpoints: PipeCheckpoints;
  /** One attempt at a batch; what it leads to is caused by `batchSpan`. */
  deliver(records: StreamRecord[], batchSpan: SpanId | undefined): Promise<DeliveryOutcome<StreamRecord>>;
  /** Decides, per settled batch, whether to deliver it a second time (duplicate fault injection). */
  duplicate(): boolean;
  backoff: RetryBackoff;
  /** How long to wait before reading a stream that failed to read (for example, not created yet). */
  readRetryMs: number;
  logSink: LogSink;
  /** Batching windows, backoff and record age run on it. */
  clock: Clock;
  tracer: Tracer;
}

/**
 * One pipe's loop over its stream: reads in order after the checkpoint, drops filtered records, gathers
 * batches by size and batching window, delivers each batch with retries, and only then moves the checkpoint.
 */
export class PipePoller {
  private readonly filters: PipeFilters;
  /** Records read and matched, not yet delivered. */
  private pending: StreamRecord[] = [];
  /** The last sequence number read, matched or not; where the next read starts. */
  private readThrough: string | undefined;
  private pendingSince = 0;
  private running = false;
  private wakeAgain = false;
  private closed = false;
  private timer: Timer | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly sleeps: InterruptibleSleeps;
  private idle: Promise<void> = Promise.resolve();
  private reader: StreamReader | undefined;
  private readonly readFailures: ReadFailures;

  constructor(private readonly options: PipePollerOptions) {
    this.filters = compilePipeFilters(options.pipe.filters);
    this.readFailures = new ReadFailures((message) => this.log(message));
    this.sleeps = new InterruptibleSleeps(options.clock);
  }

  start(): void {
    const { pipe, streams, checkpoints } = this.options;
    const streamArn = pipe.source.streamArn;
    let position = checkpoints.get(pipe.arn, streamArn);
    if (!position) {
      const latest = pipe.source.startingPosition === 'LATEST' ? this.safely(() => streams.latestSequenceNumber(streamArn)) : undefined;
      position = { after: latest };
      // Saved at once, so records written after this first start are not skipped by a LATEST restart.
      checkpoints.save(pipe.arn, streamArn, position);
    }
    this.readThrough = position.after;
    this.reader = streams.attachReader(streamArn, `pipe ${pipe.name}`);
    this.unsubscribe = streams.onAppend(streamArn, () => this.wake());
    this.wake();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.timer?.cancel();
    this.sleeps.interrupt();
    await this.idle;
    this.reader?.detach();
  }

  private log(message: string): void {
    this.options.logSink(`[pipe ${this.options.pipe.name}] ${message}`);
  }

  /** For LATEST on a stream that cannot be read yet: it has no records to skip, so reading starts at its beginning. */
  private safely<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch {
      return undefined;
    }
  }

  /** Coalesces wake-ups and leaves the caller's stack: the stream may call us from inside a table write. */
  private wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = true;
    this.idle = new Promise((resolve) => setImmediate(() => void this.drain().finally(resolve)));
  }

  private schedule(ms: number): void {
    this.timer?.cancel();
    this.timer = this.options.clock.setTimer(ms, () => this.wake());
  }

  private async drain(): Promise<void> {
    try {
      do {
        this.wakeAgain = false;
        while (!this.closed && (await this.step()));
      } while (this.wakeAgain && !this.closed);
    } catch (error) {
      this.log(`stopped on an unexpected error: ${(error as Error).stack ?? String(error)}`);
    } finally {
      this.running = false;
    }
  }

  /** Reads and delivers at most one batch; false when there is nothing more to do until woken. */
  private async step(): Promise<boolean> {
    const { pipe } = this.options;
    const { streamArn, batchSize, maximumBatchingWindowSeconds } = pipe.source;
    while (this.pending.length < batchSize) {
      let records: StreamRecord[];
      try {
        requireAuthorization(this.options.caller, [{ action: 'dynamodb:GetRecords', resource: streamArn }]);
        records = (this.reader as StreamReader).readAfter(this.readThrough, batchSize - this.pending.length);
        this.readFailures.succeeded(streamArn);
      } catch (error) {
        this.readFailures.failed(streamArn, error as Error);
        this.schedule(this.options.readRetryMs);
        return false;
      }
      if (records.length === 0) break;
      for (const record of records) {
        this.readThrough = record.dynamodb.SequenceNumber;
        const withSource = { ...record, eventSourceARN: streamArn };
        if (!this.filters.matches(withSource)) {
          this.options.tracer.record({ kind: 'pipe.filter', resource: pipe.arn, name: 'filtered out', parents: [this.recordSpan(record)] }, 'dropped');
          continue;
        }
        if (this.pending.length === 0) this.pendingSince = this.options.clock.now();
        this.pending.push(withSource);
      }
      if (this.pending.length === 0) this.settle({ after: this.readThrough });
    }
    if (this.pending.length === 0) return false;
    const waited = this.options.clock.now() - this.pendingSince;
    const windowMs = maximumBatchingWindowSeconds * 1000;
    if (this.pending.length < batchSize && waited < windowMs) {
      this.schedule(windowMs - waited);
      return false;
    }
    const batch = this.pending.splice(0);
    const through = { after: this.readThrough };
    if (!(await this.deliver(batch))) return false;
    if (this.options.duplicate()) {
      this.log(`re-delivering a batch of ${batch.length} (duplicate fault injection)`);
      if (!(await this.deliver(batch))) return false;
    }
    this.settle(through);
    return true;
  }

  private settle(position: StreamPosition): void {
    if (this.closed) return;
    this.options.checkpoints.save(this.options.pipe.arn, this.options.pipe.source.streamArn, position);
  }

  private recordSpan(record: StreamRecord): SpanId | undefined {
    return this.options.tracer.find(recordSpanKey(record.eventID));
  }

  /** A batch is one hop from its first attempt until it is settled; each attempt's failure is a line of it. */
  private async deliver(batch: StreamRecord[]): Promise<boolean> {
    const { tracer, pipe } = this.options;
    const { source } = pipe;
    const bisect = source.onPartialBatchItemFailure === 'AUTOMATIC_BISECT';
    const span = tracer.start({
      kind: 'pipe.batch',
      resource: pipe.arn,
      name: `batch of ${batch.length}`,
      parents: batch.map((record) => this.recordSpan(record)),
      attributes: { records: batch.length, firstSequenceNumber: batch[0].dynamodb.SequenceNumber },
    });
    let gaveUp = false;
    const settled = await deliverWithRetries(batch, {
      policy: source,
      attempt: async (records) => {
        const outcome = await this.options.deliver(records, span || undefined);
        if (outcome.ok) return outcome;
        this.options.executionFailed(outcome.reason);
        return { ...outcome, bisect };
      },
      giveUp: (records, condition, invokeCount, last) => {
        gaveUp = true;
        const reason = condition === 'RecordAgeExceeded' ? 'records older than maximumRecordAge' : (last?.reason ?? condition);
        return this.giveUp(records, condition, invokeCount, reason, span || undefined);
      },
      backoff: this.options.backoff,
      sleep: (ms) => this.sleeps.sleep(ms),
      now: () => this.options.clock.now(),
      log: (message) => {
        this.log(message);
        tracer.log(span, message);
      },
    });
    if (!settled) tracer.log(span, 'the runtime stopped before the batch was settled; it is delivered again on the next start');
    tracer.end(span, !settled ? 'dropped' : gaveUp ? 'error' : 'ok');
    return settled;
  }

  private async giveUp(
    records: StreamRecord[],
    condition: StreamFailureCondition,
    invokeCount: number,
    reason: string,
    batchSpan: SpanId | undefined,
  ): Promise<void> {
    const { pipe, streams, sqs } = this.options;
    const sequenceNumbers = `${records[0].dynamodb.SequenceNumber}..${records[records.length - 1].dynamodb.SequenceNumber}`;
    const deadLetterArn = pipe.source.deadLetterArn;
    if (!deadLetterArn) {
      this.log(`discarded ${records.length} record(s) ${sequenceNumbers} (${condition}: ${reason}); the pipe has no dead-letter queue`);
      return;
    }
    const record = streamDeadLetterRecord({
      at: this.options.clock.now(),
      pipeArn: pipe.arn,
      streamArn: pipe.source.streamArn,
      shardId: streams.shardId(pipe.source.streamArn),
      records,
      condition,
      invokeCount,
    });
    try {
      sqs.send(deadLetterArn, { body: JSON.stringify(record), trace: { parent: batchSpan, deadLetter: true } }, this.options.caller);
      this.log(`sent ${records.length} record(s) ${sequenceNumbers} to ${deadLetterArn} (${condition}: ${reason})`);
    } catch (error) {
      this.log(`LOST ${records.length} record(s) ${sequenceNumbers}: dead-letter queue ${deadLetterArn} failed: ${(error as Error).message}`);
    }
  }
}
