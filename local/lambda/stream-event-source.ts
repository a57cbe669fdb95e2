import { createHash, randomUUID } from 'node:crypto';
import type { Clock, Timer } from '../clock';
import type { LogSink } from '../log-sink';
import type { LambdaInvokeResult, StreamReader, StreamRecord, StreamsPort } from '../model/ports';
import type { FunctionModel, StreamEventSourceMappingModel } from '../model/types';
import { compilePipeFilters, type PipeFilters } from '../patterns';
import { requireAuthorization, type RequestCaller } from '../protocol/authorization';
import { recordSpanKey } from '../streams/record-span';
import type { SpanId, Tracer } from '../trace';
import {
  deliverWithRetries,
  InterruptibleSleeps,
  ReadFailures,
  type AttemptOutcome,
  type RetryBackoff,
  type StreamFailureCondition,
} from '../stream-consumer';
import { readBatchItemFailures } from './stream-batch-response';
import type { StreamMappingCheckpoints } from './stream-checkpoints';
import { streamInvocationRecord, type LastInvocation, type StreamInvocationRecord } from './stream-failure-record';
import {
  MAX_WINDOW_STATE_BYTES,
  returnedState,
  stateBytes,
  tumblingWindowEvent,
  windowStartOf,
  type OpenWindow,
} from './tumbling-window';

export interface StreamEventSourceOptions {
  mapping: StreamEventSourceMappingModel;
  fn: FunctionModel;
  streams: StreamsPort;
  /** The function's execution role, which Lambda reads the stream as. */
  caller: RequestCaller;
  checkpoints: StreamMappingCheckpoints;
  /** Invokes the function; its invocation is caused by `traceParent`. */
  invoke(fn: FunctionModel, event: unknown, requestId: string, traceParent?: SpanId): Promise<LambdaInvokeResult>;
  /** Sends an invocation record to the on-failure destination; throws when it cannot. */
  sendOnFailure(destinationArn: string, record: StreamInvocationRecord): Promise<void>;
  /** Backoff between retries of a failing batch. */
  backoff: RetryBackoff;
  /** How long to wait before reading a stream that failed to read. */
  readRetryMs: number;
  logSink: LogSink;
  /** Batching windows, tumbling windows, retry backoff and record age run on it. */
  clock: Clock;
  /** Each batch is a hop, caused by its stream records, from its first attempt until it is settled. */
  tracer: Tracer;
}

/** A record a lane holds, and when it reached the lane (for the batching window). */
interface Held {
  record: StreamRecord;
  arrivedAt: number;
}

/**
 * One of the ParallelizationFactor concurrent batch processors of the shard. Every record of one partition key goes
 * to the same lane, and a lane runs one batch at a time, so records of a key stay in order.
 */
interface Lane {
  index: number;
  held: Held[];
  busy: boolean;
  window?: OpenWindow;
}

/** A record read from the stream and not yet part of the checkpoint. */
interface ReadEntry {
  sequenceNumber: string;
  settled: boolean;
}

type LaneAction = { kind: 'batch'; records: StreamRecord[] } | { kind: 'final'; terminatedEarly: boolean };

/** The failure detail a retried attempt carries back to the give-up step. */
type AttemptDetail = LastInvocation;

/**
 * A Lambda event source mapping on a DynamoDB stream, as AWS runs it: reads the shard in order after the durable
 * checkpoint, drops and checkpoints what the filter criteria do not match, gathers batches by size and batching
 * window, runs up to ParallelizationFactor batches at once (one per partition key lane), retries a failing batch
 * with bisection, record age and partial batch responses, sends what it gives up on to the on-failure destination,
 * and passes tumbling-window state from one invocation to the next.
 */
export class StreamEventSource {
  private readonly filters: PipeFilters;
  private readonly lanes: Lane[];
  private readonly readOrder: ReadEntry[] = [];
  private readonly unsettled = new Map<string, ReadEntry>();
  /** The last sequence number read, matched or not; where the next read starts. */
  private readThrough: string | undefined;
  /** The last sequence number of the checkpoint. */
  private settledThrough: string | undefined;
  private readonly readAheadLimit: number;
  private readonly windowMs: number;
  private wakeScheduled = false;
  private closed = false;
  private timer: Timer | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly running = new Set<Promise<void>>();
  private readonly sleeps: InterruptibleSleeps;
  private reader: StreamReader | undefined;
  private readonly readFailures = new ReadFailures((message) => this.log(message));

  constructor(private readonly options: StreamEventSourceOptions) {
    const { mapping } = options;
    this.filters = compilePipeFilters(mapping.filters);
    this.lanes = Array.from({ length: mapping.parallelizationFactor }, (_, index) => ({ index, held: [], busy: false }));
    // Enough for every lane to fill a batch while another is busy; a stuck batch stops reading beyond it.
    this.readAheadLimit = Math.max(1000, 2 * mapping.batchSize * mapping.parallelizationFactor);
    this.windowMs = mapping.tumblingWindowSeconds * 1000;
    this.sleeps = new InterruptibleSleeps(options.clock);
  }

  start(): void {
    const { mapping, streams, checkpoints } = this.options;
    let position = checkpoints.get(mapping.id, mapping.streamArn);
    if (!position) {
      const latest = mapping.startingPosition === 'LATEST' ? this.latestOrUndefined() : undefined;
      position = { ...(latest !== undefined ? { after: latest } : {}), windows: {} };
      // Saved at once, so records written after this first start are not skipped by a LATEST restart.
      checkpoints.save(mapping.id, mapping.streamArn, position);
    }
    this.readThrough = position.after;
    this.settledThrough = position.after;
    for (const lane of this.lanes) {
      const window = position.windows[String(lane.index)];
      if (window) lane.window = window;
    }
    this.reader = streams.attachReader(mapping.streamArn, `event source mapping ${mapping.logicalId} of function ${this.options.fn.name}`);
    this.unsubscribe = streams.onAppend(mapping.streamArn, () => this.wake());
    this.wake();
  }

  /** Stops reading and waits for the batches in flight; what they did not settle is delivered again next run. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    this.timer?.cancel();
    this.sleeps.interrupt();
    await Promise.all(this.running);
    this.reader?.detach();
  }

  private log(message: string): void {
    this.options.logSink(`[${this.options.fn.name}] stream mapping ${this.options.mapping.logicalId}: ${message}`);
  }

  /** For LATEST on a stream that cannot be read yet: it has no records to skip, so reading starts at its beginning. */
  private latestOrUndefined(): string | undefined {
    try {
      return this.options.streams.latestSequenceNumber(this.options.mapping.streamArn);
    } catch {
      return undefined;
    }
  }

  /** Coalesces wake-ups and leaves the caller's stack: the stream may call us from inside a table write. */
  private wake(): void {
    if (this.wakeScheduled || this.closed) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.closed) return;
    const readable = this.read();
    const now = this.options.clock.now();
    // A stream that cannot be read is tried again; the lanes still run what they hold.
    let nextDeadline = readable ? Infinity : now + this.options.readRetryMs;
    for (const lane of this.lanes) {
      if (lane.busy) continue;
      const decision = this.nextAction(lane, now);
      if ('action' in decision) this.run(lane, decision.action);
      else nextDeadline = Math.min(nextDeadline, decision.wakeAt);
    }
    this.timer?.cancel();
    this.timer = nextDeadline === Infinity ? undefined : this.options.clock.setTimer(nextDeadline - now, () => this.wake());
  }

  /** Reads up to the read-ahead limit into the lanes; false when the stream cannot be read. */
  private read(): boolean {
    const { mapping, clock } = this.options;
    let moved = false;
    try {
      for (;;) {
        // Records the filters dropped are settled at once: with nothing before them in flight, the checkpoint moves.
        moved = this.popSettled() || moved;
        const room = this.readAheadLimit - this.readOrder.length;
        if (room <= 0) break;
        requireAuthorization(this.options.caller, [{ action: 'dynamodb:GetRecords', resource: mapping.streamArn }]);
        const records = (this.reader as StreamReader).readAfter(this.readThrough, room);
        this.readFailures.succeeded(mapping.streamArn);
        if (records.length === 0) break;
        for (const record of records) {
          this.readThrough = record.dynamodb.SequenceNumber;
          const withSource: StreamRecord = { ...record, eventSourceARN: mapping.streamArn };
          const matched = this.filters.matches(withSource);
          const entry: ReadEntry = { sequenceNumber: record.dynamodb.SequenceNumber, settled: !matched };
          this.readOrder.push(entry);
          if (!matched) continue;
          this.unsettled.set(entry.sequenceNumber, entry);
          this.laneOf(withSource).held.push({ record: withSource, arrivedAt: clock.now() });
        }
      }
      return true;
    } catch (error) {
      this.readFailures.failed(mapping.streamArn, error as Error);
      return false;
    } finally {
      if (moved) this.saveCheckpoint();
    }
  }

  private laneOf(record: StreamRecord): Lane {
    if (this.lanes.length === 1) return this.lanes[0];
    const key = record.dynamodb.Keys[this.options.mapping.partitionKeyName] ?? record.dynamodb.Keys;
    const digest = createHash('sha1').update(JSON.stringify(key)).digest();
    return this.lanes[digest.readUInt32BE(0) % this.lanes.length];
  }

  /** What an idle lane does now, or when to look at it again. */
  private nextAction(lane: Lane, now: number): { action: LaneAction } | { wakeAt: number } {
    const { batchSize, maximumBatchingWindowSeconds } = this.options.mapping;
    const next = lane.held[0];
    if (lane.window) {
      const windowEnd = lane.window.start + this.windowMs;
      const nextWindow = next && this.windowOf(lane, next.record);
      // The open window closes once its time is over and the lane holds none of its records any more.
      if ((now >= windowEnd || (nextWindow ?? 0) > lane.window.start) && nextWindow !== lane.window.start) {
        return { action: { kind: 'final', terminatedEarly: false } };
      }
      if (!next) return { wakeAt: windowEnd };
    }
    if (!next) return { wakeAt: Infinity };
    const batch = this.takeableBatch(lane);
    const cutByWindow = batch.length < Math.min(batchSize, lane.held.length);
    const waitUntil = next.arrivedAt + maximumBatchingWindowSeconds * 1000;
    if (batch.length >= batchSize || cutByWindow || now >= waitUntil) return { action: { kind: 'batch', records: batch } };
    return { wakeAt: lane.window ? Math.min(waitUntil, lane.window.start + this.windowMs) : waitUntil };
  }

  /** Up to a batch of the lane's records; with tumbling windows, only records of one window. */
  private takeableBatch(lane: Lane): StreamRecord[] {
    const { batchSize } = this.options.mapping;
    const candidates = lane.held.slice(0, batchSize).map((held) => held.record);
    if (this.windowMs === 0) return candidates;
    const window = this.windowOf(lane, candidates[0]);
    const end = candidates.findIndex((record) => this.windowOf(lane, record) !== window);
    return end === -1 ? candidates : candidates.slice(0, end);
  }

  /** A record's window; one created before the lane's open window (a redelivery) joins the open one. */
  private windowOf(lane: Lane, record: StreamRecord): number {
    const own = windowStartOf(record, this.windowMs);
    return lane.window ? Math.max(own, lane.window.start) : own;
  }

  private run(lane: Lane, action: LaneAction): void {
    lane.busy = true;
    if (action.kind === 'batch') lane.held.splice(0, action.records.length);
    const task = (action.kind === 'batch' ? this.processBatch(lane, action.records) : this.finishWindow(lane, action.terminatedEarly))
      .catch((error: Error) => this.log(`batch handling failed: ${error.stack ?? error.message}`))
      .finally(() => {
        lane.busy = false;
        this.running.delete(task);
        this.wake();
      });
    this.running.add(task);
  }

  private async processBatch(lane: Lane, batch: StreamRecord[]): Promise<void> {
    const { mapping } = this.options;
    if (this.windowMs > 0) {
      const window = this.windowOf(lane, batch[0]);
      if (!lane.window) lane.window = { start: window, state: {} };
    }
    const { tracer, fn } = this.options;
    const span = tracer.start({
      kind: 'lambda.esm-batch',
      resource: fn.arn,
      name: `batch of ${batch.length}`,
      parents: batch.map((record) => tracer.find(recordSpanKey(record.eventID))),
      attributes: { stream: mapping.streamArn, records: batch.length },
    });
    let gaveUp = false;
    const settled = await deliverWithRetries<AttemptDetail>(batch, {
      policy: mapping,
      attempt: (records) => this.attempt(lane, records, span || undefined),
      giveUp: (records, condition, invokeCount, last) => {
        gaveUp = true;
        return this.giveUp(records, condition, invokeCount, last?.detail, last?.reason);
      },
      backoff: this.options.backoff,
      sleep: (ms) => this.sleeps.sleep(ms),
      now: () => this.options.clock.now(),
      log: (message) => {
        this.log(message);
        tracer.log(span, message);
      },
    });
    tracer.end(span, !settled ? 'dropped' : gaveUp ? 'error' : 'ok');
    if (!settled) return;
    for (const record of batch) this.settle(record.dynamodb.SequenceNumber);
    this.popSettled();
    this.saveCheckpoint();
    if (lane.window && stateBytes(lane.window.state) > MAX_WINDOW_STATE_BYTES) {
      this.log(`window state of lane ${lane.index} is over 1 MB; the window ends early`);
      await this.finishWindow(lane, true);
    }
  }

  private async attempt(lane: Lane, records: StreamRecord[], batchSpan: SpanId | undefined): Promise<AttemptOutcome<AttemptDetail>> {
    const { mapping, fn, streams } = this.options;
    const requestId = randomUUID();
    const window = lane.window;
    const event = window
      ? tumblingWindowEvent({
          records,
          window,
          windowMs: this.windowMs,
          shardId: streams.shardId(mapping.streamArn),
          streamArn: mapping.streamArn,
          final: false,
          terminatedEarly: false,
        })
      : { Records: records };
    const result = await this.options.invoke(fn, event, requestId, batchSpan);
    const detail: AttemptDetail = { requestId, result };
    if (result.error) {
      const reason = `${result.error.errorType}: ${result.error.errorMessage}`;
      return { ok: false, failed: records, reason, bisect: mapping.bisectBatchOnFunctionError, detail };
    }
    if (window) {
      const returned = returnedState(result.payload);
      if (!returned) return { ok: false, failed: records, reason: 'the response has no state property', bisect: false, detail };
      window.state = returned.state;
    }
    if (!mapping.reportBatchItemFailures) return { ok: true };
    const response = readBatchItemFailures(result.payload, records);
    if (response.kind === 'success') return { ok: true };
    if (response.kind === 'complete-failure') return { ok: false, failed: records, reason: response.reason, bisect: false, detail };
    // The records before the lowest failure succeeded: they are settled now, and the rest retried from it.
    for (const record of records) {
      if (record.dynamodb.SequenceNumber < response.lowestFailed) this.settle(record.dynamodb.SequenceNumber);
    }
    if (this.popSettled()) this.saveCheckpoint();
    const reason = `batchItemFailures from sequence number ${response.lowestFailed}`;
    return { ok: false, failed: response.retry, reason, bisect: false, detail };
  }

  /** The final invocation of a window, retried until it succeeds, as Lambda holds the shard until it does. */
  private async finishWindow(lane: Lane, terminatedEarly: boolean): Promise<void> {
    const { mapping, fn, streams, backoff } = this.options;
    const window = lane.window as OpenWindow;
    for (let attempt = 1; ; attempt++) {
      const event = tumblingWindowEvent({
        records: [],
        window,
        windowMs: this.windowMs,
        shardId: streams.shardId(mapping.streamArn),
        streamArn: mapping.streamArn,
        final: true,
        terminatedEarly,
      });
      const result = await this.options.invoke(fn, event, randomUUID());
      if (!result.error) break;
      this.log(`final invocation of window ${new Date(window.start).toISOString()} failed (${result.error.errorType}); retrying`);
      if (!(await this.sleeps.sleep(Math.min(backoff.maxMs, backoff.initialMs * 2 ** (attempt - 1))))) return;
    }
    // A window ended early goes on with fresh state; a closed one is gone.
    lane.window = terminatedEarly ? { start: window.start, state: {} } : undefined;
    this.saveCheckpoint();
  }

  private async giveUp(
    records: StreamRecord[],
    condition: StreamFailureCondition,
    invokeCount: number,
    last: LastInvocation | undefined,
    reason: string | undefined,
  ): Promise<void> {
    const { mapping, streams } = this.options;
    const range = `${records[0].dynamodb.SequenceNumber}..${records[records.length - 1].dynamodb.SequenceNumber}`;
    const why = `${condition} after ${invokeCount} invocation(s)${reason ? `: ${reason}` : ''}`;
    const destination = mapping.onFailureDestinationArn;
    if (!destination) {
      this.log(`discarded ${records.length} record(s) ${range} (${why}); the mapping has no on-failure destination`);
      return;
    }
    const record = streamInvocationRecord({
      at: this.options.clock.now(),
      functionArn: this.options.fn.arn,
      streamArn: mapping.streamArn,
      shardId: streams.shardId(mapping.streamArn),
      records,
      condition,
      invokeCount,
      last,
      fallbackRequestId: randomUUID(),
    });
    try {
      await this.options.sendOnFailure(destination, record);
      this.log(`sent ${records.length} record(s) ${range} to ${destination} (${why})`);
    } catch (error) {
      this.log(`LOST ${records.length} record(s) ${range}: on-failure destination ${destination} failed: ${(error as Error).message}`);
    }
  }

  private settle(sequenceNumber: string): void {
    const entry = this.unsettled.get(sequenceNumber);
    if (!entry) return;
    entry.settled = true;
    this.unsettled.delete(sequenceNumber);
  }

  /** Moves the checkpoint past every settled record with nothing unsettled before it; true when it moved. */
  private popSettled(): boolean {
    let moved = false;
    while (this.readOrder.length > 0 && this.readOrder[0].settled) {
      this.settledThrough = (this.readOrder.shift() as ReadEntry).sequenceNumber;
      moved = true;
    }
    return moved;
  }

  /** Saves the checkpoint with each lane's open window. */
  private saveCheckpoint(): void {
    if (this.closed) return;
    const windows: Record<string, OpenWindow> = {};
    for (const lane of this.lanes) if (lane.window) windows[String(lane.index)] = lane.window;
    const { mapping, checkpoints } = this.options;
    checkpoints.save(mapping.id, mapping.streamArn, { ...(this.settledThrough !== undefined ? { after: this.settledThrough } : {}), windows });
  }


}
