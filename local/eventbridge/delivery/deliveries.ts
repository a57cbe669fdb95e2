import { randomUUID } from 'node:crypto';
import type { LambdaPort, SnsPort, SqsPort } from '../../model/ports';
import { AccessDeniedError, requireAuthorization, type RequestCaller } from '../../protocol/authorization';
import type { RuleTargetModel } from '../../model/types';
import type { DurableMap, StateStore } from '../../storage/state-store';
import type { BusRegistry } from '../bus-registry';
import type { Clock, Timer } from '../../clock';
import type { LogSink } from '../../log-sink';
import { NO_TRACING, type SpanId, type Tracer } from '../../trace';
import type { EventEnvelope } from '../types';
import { ApiDestinationFailure } from '../api-destinations/failure';
import type { ApiDestinations } from '../api-destinations/api-destinations';
import { classifyFailure, deadLetterMessage, type DeliveryFailure, type ExhaustedRetryCondition } from './dead-letter';
import type { DeliveryCallers } from './delivery-callers';
import { asPayload, asText, targetInput, type TargetInput } from './target-input';

/** One event on its way to one rule target; kept on disk until the target accepted it or it was dead-lettered. */
export interface PendingDelivery {
  id: string;
  ruleArn: string;
  targetId: string;
  event: EventEnvelope;
  failedAttempts: number;
  /** Epoch ms the bus accepted the event; MaximumEventAgeInSeconds counts from it. */
  acceptedAt: number;
  nextAttemptAt: number;
  lastFailure?: DeliveryFailure;
  /** The delivery's span (local/trace), ended when the target takes the event or it is dead-lettered. */
  traceSpan?: SpanId;
}

export interface DeliveriesOptions {
  store: StateStore;
  registry: BusRegistry;
  sqs: SqsPort;
  lambda: LambdaPort;
  sns?: SnsPort;
  apiDestinations: ApiDestinations;
  /** Retry delays and event ages run on it. */
  clock: Clock;
  /** Delay before retry n (0-based), in ms; the last value repeats. */
  retryDelays: readonly number[];
  log: LogSink;
  /** Who each delivery is made as: EventBridge for the rule, or the target's role. */
  callers: DeliveryCallers;
  /** Each delivery to a target is a hop, with its attempts. */
  tracer?: Tracer;
}

/** EventBridge's own schedule is exponential backoff with jitter over up to 24 hours; locally it tops out at a minute. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000];

/**
 * Delivers rule matches to their targets at least once: every delivery is written down before the bus answers,
 * retried per the target's RetryPolicy with backoff, then sent to the target's DLQ with EventBridge's attributes.
 * Pending deliveries resume after a restart.
 */
export class Deliveries {
  private readonly pending: DurableMap<PendingDelivery>;
  private readonly timers = new Map<string, Timer>();
  private readonly attempts = new Set<Promise<void>>();
  private readonly tracer: Tracer;
  private closed = false;

  constructor(private readonly options: DeliveriesOptions) {
    this.pending = options.store.collection<PendingDelivery>('eventbridge-deliveries');
    this.tracer = options.tracer ?? NO_TRACING;
    for (const delivery of this.pending.values()) this.schedule(delivery);
  }

  /** `match` is the span of the rule match that asks for the delivery. */
  enqueue(ruleArn: string, targetId: string, event: EventEnvelope, match?: SpanId): void {
    const now = this.options.clock.now();
    const traceSpan = this.tracer.start({ kind: 'events.delivery', resource: ruleArn, name: targetId, parents: [match], ids: [event.id] }) || undefined;
    const delivery: PendingDelivery = {
      id: randomUUID(),
      ruleArn,
      targetId,
      event,
      failedAttempts: 0,
      acceptedAt: now,
      nextAttemptAt: now,
      ...(traceSpan ? { traceSpan } : {}),
    };
    this.pending.set(delivery.id, delivery);
    this.schedule(delivery);
  }

  /** Deliveries not yet accepted by their target nor dead-lettered. */
  get size(): number {
    return this.pending.size;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
  }

  /** Closes, and waits for the attempts under way: a delivery its target took is then off the disk, not retried. */
  async drain(): Promise<void> {
    this.close();
    await Promise.all(this.attempts);
  }

  private schedule(delivery: PendingDelivery): void {
    if (this.closed) return;
    const wait = delivery.nextAttemptAt - this.options.clock.now();
    const run = (): void => {
      this.timers.delete(delivery.id);
      const attempt = this.attempt(delivery.id).finally(() => this.attempts.delete(attempt));
      this.attempts.add(attempt);
    };
    this.timers.set(delivery.id, wait <= 0 ? nextTurn(run) : this.options.clock.setTimer(wait, run));
  }

  private async attempt(id: string): Promise<void> {
    const delivery = this.pending.get(id);
    if (this.closed || !delivery) return;
    const resolved = this.options.registry.target(delivery.ruleArn, delivery.targetId);
    if (!resolved) {
      const why = `rule ${delivery.ruleArn} no longer has target ${delivery.targetId} in the template`;
      this.options.log(`eventbridge: dropped event ${delivery.event.id}: ${why}`);
      this.tracer.log(delivery.traceSpan, `dropped: ${why}`);
      this.tracer.end(delivery.traceSpan, 'error');
      this.pending.delete(id);
      return;
    }
    if (resolved.target.kind === 'api-destination' && this.waitForRate(delivery, resolved.target.arn)) return;
    const caller = this.options.callers.forTarget(delivery.ruleArn, resolved.target);
    if (!isCaller(caller)) {
      if (!this.closed) this.failed(delivery, resolved.target, caller);
      return;
    }
    try {
      const input = targetInput(resolved.target, delivery.event, {
        ruleArn: resolved.rule.arn,
        ruleName: resolved.rule.name,
        ingestionTime: delivery.acceptedAt,
      });
      await this.send(resolved.target, delivery.event, input, caller, delivery.traceSpan);
      this.pending.delete(id);
      this.tracer.end(delivery.traceSpan, 'ok', { target: resolved.target.arn, attempts: delivery.failedAttempts + 1 });
    } catch (error) {
      if (!this.closed) this.failed(delivery, resolved.target, classifyTargetError(resolved.target, error));
    }
  }

  /** Puts the delivery back until the API destination's rate limit lets it through; true when it must wait. */
  private waitForRate(delivery: PendingDelivery, destinationArn: string): boolean {
    const waitMs = this.options.apiDestinations.waitForSlot(destinationArn);
    if (waitMs <= 0) return false;
    const later: PendingDelivery = { ...delivery, nextAttemptAt: this.options.clock.now() + waitMs };
    this.pending.set(later.id, later);
    this.schedule(later);
    return true;
  }

  private async send(target: RuleTargetModel, event: EventEnvelope, input: TargetInput, caller: RequestCaller, traceParent: SpanId | undefined): Promise<void> {
    if (target.kind === 'lambda') await this.options.lambda.invokeAsync(target.arn, asPayload(input), caller, { traceParent });
    else if (target.kind === 'sqs') this.options.sqs.send(target.arn, { body: asText(input), trace: { parent: traceParent } }, caller);
    else if (target.kind === 'sns' && this.options.sns) await this.options.sns.publish(target.arn, { message: asText(input) }, caller, { traceParent });
    else if (target.kind === 'api-destination') {
      // EventBridge calls an API destination only as the target's role, which needs events:InvokeApiDestination.
      requireAuthorization(caller, [{ action: 'events:InvokeApiDestination', resource: target.arn }]);
      await this.options.apiDestinations.invoke(target, asText(input), event);
    }
    else throw new UnsupportedTargetError(target.arn);
  }

  private failed(delivery: PendingDelivery, target: RuleTargetModel, failure: DeliveryFailure): void {
    const failedAttempts = delivery.failedAttempts + 1;
    const retriesDone = failedAttempts - 1;
    this.tracer.log(delivery.traceSpan, `attempt ${failedAttempts} failed: ${failure.code}: ${failure.message}`);
    const { maximumRetryAttempts, maximumEventAgeSeconds } = target.retryPolicy;
    if (!failure.retryable) return this.deadLetter(delivery, target, failure, retriesDone, undefined);
    if (retriesDone >= maximumRetryAttempts) return this.deadLetter(delivery, target, failure, retriesDone, 'MaximumRetryAttemptsExhausted');
    const delays = this.options.retryDelays;
    // A Retry-After longer than the policy's delay wins: EventBridge takes the more conservative of the two.
    const delay = Math.max(delays[Math.min(retriesDone, delays.length - 1)], failure.retryAfterMs ?? 0);
    const nextAttemptAt = this.options.clock.now() + delay;
    if (nextAttemptAt - delivery.acceptedAt > maximumEventAgeSeconds * 1000) {
      return this.deadLetter(delivery, target, failure, retriesDone, 'MaximumEventAgeExhausted');
    }
    const next: PendingDelivery = { ...delivery, failedAttempts, nextAttemptAt, lastFailure: failure };
    this.pending.set(next.id, next);
    this.schedule(next);
  }

  private deadLetter(
    delivery: PendingDelivery,
    target: RuleTargetModel,
    failure: DeliveryFailure,
    retryAttempts: number,
    exhausted: ExhaustedRetryCondition | undefined,
  ): void {
    const why = `${failure.code}: ${failure.message}${exhausted ? ` (${exhausted})` : ''}`;
    this.tracer.end(delivery.traceSpan, 'error', { target: target.arn, attempts: retryAttempts + 1 });
    if (target.deadLetterArn === undefined) {
      this.options.log(`eventbridge: dropped event ${delivery.event.id} for target ${target.id} of ${delivery.ruleArn}, which has no DLQ: ${why}`);
    } else {
      try {
        this.options.sqs.send(
          target.deadLetterArn,
          { ...deadLetterMessage(delivery.event, delivery.ruleArn, target.arn, failure, retryAttempts, exhausted), trace: { parent: delivery.traceSpan, deadLetter: true } },
          this.options.callers.forDeadLetter(delivery.ruleArn),
        );
        this.options.log(`eventbridge: event ${delivery.event.id} for target ${target.id} of ${delivery.ruleArn} sent to DLQ ${target.deadLetterArn}: ${why}`);
      } catch (error) {
        this.options.log(
          `eventbridge: LOST event ${delivery.event.id} for target ${target.id}: its DLQ ${target.deadLetterArn} refused it (${(error as Error).message}) after ${why}`,
        );
      }
    }
    this.pending.delete(delivery.id);
  }
}

/** A delivery due now runs on the next turn of the event loop, after the PutEvents call that enqueued it returns. */
function nextTurn(run: () => void): Timer {
  const immediate = setImmediate(run);
  return { cancel: () => clearImmediate(immediate) };
}

class UnsupportedTargetError extends Error {
  constructor(arn: string) {
    super(`The local runtime cannot deliver to target ${arn}`);
    this.name = 'UnsupportedTargetError';
  }
}

function isCaller(value: RequestCaller | DeliveryFailure): value is RequestCaller {
  return 'authorize' in value;
}

function classifyTargetError(target: RuleTargetModel, error: unknown): DeliveryFailure {
  // A target that refuses EventBridge is not retried: the event goes straight to the DLQ, as AWS documents.
  if (error instanceof AccessDeniedError) return { code: 'NO_PERMISSIONS', message: error.message, retryable: false };
  if (error instanceof ApiDestinationFailure) {
    // A negative Retry-After asks EventBridge to stop retrying.
    const stop = error.retryAfterMs !== undefined && error.retryAfterMs < 0;
    return { code: error.code, message: error.message, retryable: error.retryable && !stop, ...(error.retryAfterMs !== undefined && !stop ? { retryAfterMs: error.retryAfterMs } : {}) };
  }
  if (error instanceof UnsupportedTargetError) return { code: 'UNSUPPORTED_TARGET', message: error.message, retryable: false };
  // Only a transformed input can fail to parse: the event itself is always JSON.
  if (error instanceof SyntaxError) {
    return { code: 'INVALID_INPUT', message: `The transformed input of target ${target.id} is not valid JSON: ${error.message}`, retryable: false };
  }
  return classifyFailure(error);
}
