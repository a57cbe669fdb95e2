import { randomUUID } from 'node:crypto';
import type { Clock, Timer } from '../clock';
import { FunctionModel } from '../model/types';
import { LambdaInvokeResult } from '../model/ports';
import { DurableMap, StateStore } from '../storage/state-store';
import { AsyncFailureCondition, destinationRecord, DestinationRecord } from './destination-record';
import type { LogSink } from '../log-sink';
import type { SpanId, Tracer } from '../trace';

/** An accepted asynchronous event, kept on disk until it succeeded or reached its destination. */
interface PendingAsyncEvent {
  requestId: string;
  functionArn: string;
  event: unknown;
  acceptedAt: number;
  /** Attempts started so far; counted before each attempt runs, so a crash mid-attempt still counts it. */
  attempts: number;
  nextAttemptAt: number;
  lastResult?: LambdaInvokeResult;
  /** The event's span (local/trace): each attempt's invocation is caused by it. */
  traceSpan?: SpanId;
}

export interface AsyncInvokerOptions {
  store: StateStore;
  functionByArn(arn: string): FunctionModel | undefined;
  invoke(fn: FunctionModel, event: unknown, requestId: string, traceParent: SpanId | undefined): Promise<LambdaInvokeResult>;
  /** Sends a destination record as the function's role, caused by the event's span; throws when the destination cannot take it. */
  sendToDestination(destinationArn: string, record: DestinationRecord, fn: FunctionModel, traceParent: SpanId | undefined): Promise<void>;
  /** How many of a function's async events run at once. */
  concurrency(fn: FunctionModel): number;
  /** Delay before retry n (1-based); the last entry repeats. AWS waits about 1 then 2 minutes. */
  retryDelaysMs: number[];
  logSink: LogSink;
  /** Retry delays and event ages run on it. */
  clock: Clock;
  /** Each accepted event is a hop, ended when it succeeded or reached its destination. */
  tracer: Tracer;
}

const COLLECTION = 'lambda-async-events';

/**
 * Lambda's asynchronous invocation queue: durable, retried per each function's async config
 * (maximum retry attempts and maximum event age), then sent to its on-failure destination.
 */
export class AsyncInvoker {
  private readonly events: DurableMap<PendingAsyncEvent>;
  private readonly ready = new Map<string, string[]>();
  private readonly running = new Map<string, number>();
  private readonly timers = new Set<Timer>();
  private readonly inFlight = new Set<Promise<void>>();
  private started = false;
  /** No new attempt starts; those running finish and record their outcome. */
  private draining = false;
  private closed = false;

  constructor(private readonly options: AsyncInvokerOptions) {
    this.events = options.store.collection<PendingAsyncEvent>(COLLECTION);
  }

  /** Resumes the events a previous run left pending. */
  start(): void {
    this.started = true;
    for (const pending of this.events.values()) this.schedule(pending);
  }

  /** `traceParent` is the hop that sent the event (a rule's delivery, a pipe). */
  accept(fn: FunctionModel, event: unknown, traceParent?: SpanId): string {
    const now = this.options.clock.now();
    const requestId = randomUUID();
    const traceSpan = this.options.tracer.start({ kind: 'lambda.async', resource: fn.arn, name: fn.name, parents: [traceParent], ids: [requestId] });
    const pending: PendingAsyncEvent = {
      requestId,
      functionArn: fn.arn,
      event,
      acceptedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      ...(traceSpan ? { traceSpan } : {}),
    };
    this.events.set(pending.requestId, pending);
    if (this.started) this.schedule(pending);
    return pending.requestId;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
  }

  /** Starts no new attempt and waits for the running ones to record their outcome; what is left stays on disk. */
  async drain(): Promise<void> {
    this.draining = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    await Promise.all(this.inFlight);
  }

  private schedule(pending: PendingAsyncEvent): void {
    const delay = pending.nextAttemptAt - this.options.clock.now();
    if (delay <= 0) {
      this.enqueue(pending);
      return;
    }
    const timer = this.options.clock.setTimer(delay, () => {
      this.timers.delete(timer);
      this.enqueue(pending);
    });
    this.timers.add(timer);
  }

  private enqueue(pending: PendingAsyncEvent): void {
    const queue = this.ready.get(pending.functionArn) ?? [];
    queue.push(pending.requestId);
    this.ready.set(pending.functionArn, queue);
    this.pump(pending.functionArn);
  }

  private pump(functionArn: string): void {
    const fn = this.options.functionByArn(functionArn);
    const queue = this.ready.get(functionArn) ?? [];
    while (!this.closed && !this.draining && queue.length > 0) {
      const running = this.running.get(functionArn) ?? 0;
      if (fn && running >= this.options.concurrency(fn)) return;
      const requestId = queue.shift() as string;
      const pending = this.events.get(requestId);
      if (!pending) continue;
      if (!fn) {
        this.options.logSink(`[lambda] async event ${requestId} dropped: function ${functionArn} is no longer in the template`);
        this.events.delete(requestId);
        continue;
      }
      this.running.set(functionArn, running + 1);
      const attempt = this.attempt(fn, pending)
        .catch((error: Error) => this.options.logSink(`[${fn.name}] async event ${requestId} attempt failed to run: ${error.message}`))
        .finally(() => {
          this.inFlight.delete(attempt);
          this.running.set(functionArn, (this.running.get(functionArn) ?? 1) - 1);
          this.pump(functionArn);
        });
      this.inFlight.add(attempt);
    }
  }

  private async attempt(fn: FunctionModel, pending: PendingAsyncEvent): Promise<void> {
    const config = fn.asyncConfig;
    if (this.options.clock.now() - pending.acceptedAt > config.maximumEventAgeSeconds * 1000) {
      return this.fail(fn, pending, 'EventAgeExceeded');
    }
    pending.attempts++;
    this.events.set(pending.requestId, pending);
    const result = await this.options.invoke(fn, pending.event, pending.requestId, pending.traceSpan);
    if (this.closed) return; // the event stays on disk and is retried by the next run
    if (!result.error) {
      this.events.delete(pending.requestId);
      this.options.tracer.end(pending.traceSpan, 'ok', { attempts: pending.attempts });
      if (config.onSuccessDestinationArn) {
        await this.deliver(config.onSuccessDestinationArn, fn, pending, 'Success', result);
      }
      return;
    }
    pending.lastResult = result;
    this.options.tracer.log(pending.traceSpan, `attempt ${pending.attempts} failed: ${result.error.errorType}: ${result.error.errorMessage}`);
    if (pending.attempts > config.maximumRetryAttempts) return this.fail(fn, pending, 'RetriesExhausted');
    const delays = this.options.retryDelaysMs;
    pending.nextAttemptAt = this.options.clock.now() + delays[Math.min(pending.attempts - 1, delays.length - 1)];
    this.events.set(pending.requestId, pending);
    this.schedule(pending);
  }

  private async fail(fn: FunctionModel, pending: PendingAsyncEvent, condition: AsyncFailureCondition): Promise<void> {
    const destination = fn.asyncConfig.onFailureDestinationArn;
    const error = pending.lastResult?.error;
    const reason = error ? `${error.errorType}: ${error.errorMessage}` : 'never ran';
    this.options.logSink(
      `[${fn.name}] async event ${pending.requestId} failed (${condition} after ${pending.attempts} attempts; ${reason})` +
        (destination ? `, sent to ${destination}` : ', discarded: no on-failure destination'),
    );
    this.options.tracer.end(pending.traceSpan, 'error', { attempts: pending.attempts, condition });
    if (destination) await this.deliver(destination, fn, pending, condition, pending.lastResult);
    this.events.delete(pending.requestId);
  }

  private async deliver(
    destinationArn: string,
    fn: FunctionModel,
    pending: PendingAsyncEvent,
    condition: DestinationRecord['requestContext']['condition'],
    lastResult: LambdaInvokeResult | undefined,
  ): Promise<void> {
    const record = destinationRecord({
      at: this.options.clock.now(),
      requestId: pending.requestId,
      functionArn: fn.arn,
      condition,
      invokeCount: pending.attempts,
      event: pending.event,
      lastResult,
    });
    try {
      await this.options.sendToDestination(destinationArn, record, fn, pending.traceSpan);
    } catch (error) {
      this.options.logSink(
        `[${fn.name}] could not send async event ${pending.requestId} to destination ${destinationArn}: ${(error as Error).message}`,
      );
    }
  }
}
