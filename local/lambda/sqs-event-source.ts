import { every, type Clock, type Timer } from '../clock';
import { FunctionModel, SqsEventSourceMappingModel } from '../model/types';
import { LambdaInvokeResult, SqsPort, SqsReceivedMessage } from '../model/ports';
import type { RequestCaller } from '../protocol/authorization';
import { sqsEventRecord, type SqsEventRecord } from '../sqs/event-record';
import type { LogSink } from '../log-sink';
import type { SpanId, Tracer } from '../trace';
import { sqsRecordFilter } from './sqs-filter';

export interface SqsEventSourceOptions {
  mapping: SqsEventSourceMappingModel;
  fn: FunctionModel;
  sqs: SqsPort;
  /** The function's execution role, which Lambda polls, deletes and changes visibility with. */
  caller: RequestCaller;
  region: string;
  invoke(fn: FunctionModel, event: { Records: SqsEventRecord[] }, traceParent: SpanId | undefined): Promise<LambdaInvokeResult>;
  /** Batches in flight when the mapping sets no maximum concurrency. */
  defaultConcurrency: number;
  pollIntervalMs: number;
  logSink: LogSink;
  /** Batching windows and the polling interval run on it. */
  clock: Clock;
  /** Each batch is a hop, caused by its messages. */
  tracer: Tracer;
}

/**
 * The message ids a ReportBatchItemFailures response asks to keep, or undefined when the whole batch
 * failed: Lambda treats a malformed response, or one naming a message not in the batch, as a failure of all.
 */
function failedMessageIds(payload: unknown, batch: SqsEventRecord[]): Set<string> | undefined {
  if (payload === null || payload === undefined || typeof payload !== 'object') return new Set();
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return new Set();
  if (!Array.isArray(failures)) return undefined;
  const ids = new Set<string>();
  const inBatch = new Set(batch.map((record) => record.messageId));
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !inBatch.has(id)) return undefined;
    ids.add(id);
  }
  return ids;
}

/**
 * One SQS event source mapping: polls its queue when woken or on a timer, gathers batches by size and
 * batching window, invokes the function, and deletes what succeeded. Failed messages stay on the queue,
 * to come back after their visibility timeout and reach the queue's redrive DLQ after maxReceiveCount.
 */
export class SqsEventSource {
  private readonly buffer: SqsReceivedMessage[] = [];
  private bufferStartedAt = 0;
  private inFlight = 0;
  private wakeScheduled = false;
  private windowTimer: Timer | undefined;
  private pollTimer: Timer | undefined;
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private lastPollFailure: string | undefined;
  private readonly idle = new Set<() => void>();
  private readonly filter: ((record: SqsEventRecord) => boolean) | undefined;

  constructor(private readonly options: SqsEventSourceOptions) {
    this.filter = sqsRecordFilter(options.mapping.filters);
  }

  /**
   * Lambda refuses to create a mapping whose function's role cannot receive from, delete from and read the
   * attributes of its queue; locally such a mapping is not started, with AWS's reason. Returns whether it started.
   */
  start(): boolean {
    const { mapping, sqs, pollIntervalMs, clock } = this.options;
    const denial = this.options.caller.authorize(
      ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map((action) => ({ action, resource: mapping.queueArn })),
    );
    if (denial) {
      const operation = denial.check.action.slice('sqs:'.length);
      this.options.logSink(`[${this.options.fn.name}] event source mapping ${mapping.logicalId} not started: The provided execution role does not have permissions to call ${operation} on SQS`);
      return false;
    }
    this.unsubscribe = sqs.onAvailable(mapping.queueArn, () => this.wake());
    this.pollTimer = every(clock, pollIntervalMs, () => this.wake());
    this.wake();
    return true;
  }

  /** Stops polling and waits for the batches in flight, so their deletes are not lost. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.pollTimer?.cancel();
    this.windowTimer?.cancel();
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  private get maxInFlight(): number {
    return this.options.mapping.maximumConcurrency ?? this.options.defaultConcurrency;
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
    const { mapping, sqs } = this.options;
    const windowMs = mapping.maximumBatchingWindowSeconds * 1000;
    while (!this.closed && this.inFlight < this.maxInFlight) {
      const room = mapping.batchSize - this.buffer.length;
      let polled: SqsReceivedMessage[];
      try {
        polled = sqs.receive(mapping.queueArn, room, this.options.caller);
      } catch (error) {
        // Polling goes on every second; a failure that lasts is told once, and again only when it changes.
        const message = (error as Error).message;
        if (message !== this.lastPollFailure) this.options.logSink(`[${this.options.fn.name}] cannot poll ${mapping.queueArn}: ${message}`);
        this.lastPollFailure = message;
        return;
      }
      this.lastPollFailure = undefined;
      const received = this.dropFilteredOut(polled);
      // Everything polled was filtered out: the queue may hold more, so poll again rather than wait.
      if (polled.length > 0 && received.length === 0) continue;
      if (received.length > 0 && this.buffer.length === 0) this.bufferStartedAt = this.options.clock.now();
      this.buffer.push(...received);
      if (this.buffer.length === 0) return;
      const waited = this.options.clock.now() - this.bufferStartedAt;
      if (this.buffer.length < mapping.batchSize && waited < windowMs) {
        this.windowTimer ??= this.options.clock.setTimer(windowMs - waited, () => {
          this.windowTimer = undefined;
          this.flush();
        });
        return;
      }
      this.dispatch(this.buffer.splice(0));
    }
  }

  /** Messages the mapping's filters reject are deleted, never delivered, as Lambda does; each ends its trace as dropped. */
  private dropFilteredOut(messages: SqsReceivedMessage[]): SqsReceivedMessage[] {
    const filter = this.filter;
    if (filter === undefined) return messages;
    const { mapping, sqs, region } = this.options;
    return messages.filter((message) => {
      if (filter(sqsEventRecord(message, mapping.queueArn, region))) return true;
      sqs.delete(mapping.queueArn, message.receiptHandle, this.options.caller);
      this.options.tracer.record({ kind: 'lambda.filter', resource: mapping.queueArn, name: 'filtered out', parents: [message.traceSpan], ids: [message.messageId] }, 'dropped');
      return false;
    });
  }

  private flush(): void {
    if (this.closed || this.buffer.length === 0) return;
    if (this.inFlight < this.maxInFlight) this.dispatch(this.buffer.splice(0));
    this.wake();
  }

  private dispatch(messages: SqsReceivedMessage[]): void {
    this.windowTimer?.cancel();
    this.windowTimer = undefined;
    this.inFlight++;
    void this.process(messages)
      .catch((error: Error) => this.options.logSink(`[${this.options.fn.name}] SQS batch handling failed: ${error.message}`))
      .finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) {
          for (const resolve of this.idle) resolve();
          this.idle.clear();
        }
        this.wake();
      });
  }

  private async process(messages: SqsReceivedMessage[]): Promise<void> {
    const { mapping, fn, sqs, region } = this.options;
    const records = messages.map((message) => sqsEventRecord(message, mapping.queueArn, region));
    const { tracer } = this.options;
    const span = tracer.start({
      kind: 'lambda.esm-batch',
      resource: fn.arn,
      name: `batch of ${records.length}`,
      parents: messages.map((message) => message.traceSpan),
      attributes: { queue: mapping.queueArn, messages: records.length },
    });
    const result = await this.options.invoke(fn, { Records: records }, span || undefined);
    const failed = result.error ? undefined : mapping.reportBatchItemFailures ? failedMessageIds(result.payload, records) : new Set<string>();
    tracer.end(span, failed === undefined || failed.size > 0 ? 'error' : 'ok', { failed: failed === undefined ? records.length : failed.size });
    if (result.error) {
      this.options.logSink(
        `[${fn.name}] batch of ${records.length} from SQS failed (${result.error.errorType}: ${result.error.errorMessage}); ` +
          'messages return after their visibility timeout',
      );
      return;
    }
    if (failed === undefined) {
      this.options.logSink(`[${fn.name}] invalid batchItemFailures response; the whole batch of ${records.length} is retried`);
      return;
    }
    for (const record of records) {
      if (!failed.has(record.messageId)) sqs.delete(mapping.queueArn, record.receiptHandle, this.options.caller);
    }
  }
}
