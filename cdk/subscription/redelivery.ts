import { Duration } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * The rule target's retries for a subscriber, whatever its delivery: by default 10 attempts within 2 hours of the
 * event reaching the bus, then the subscriber's dead-letter queue.
 */
export function ruleTargetRetries(
  delivery: { readonly retryAttempts?: number; readonly maxEventAge?: Duration },
  deadLetterQueue: sqs.IQueue,
): { retryAttempts: number; maxEventAge: Duration; deadLetterQueue: sqs.IQueue } {
  return { retryAttempts: delivery.retryAttempts ?? 10, maxEventAge: delivery.maxEventAge ?? Duration.hours(2), deadLetterQueue };
}

/** Sums durations exactly, in seconds. */
export function sumDurations(...durations: Duration[]): Duration {
  return Duration.seconds(durations.reduce((total, duration) => total + duration.toSeconds(), 0));
}

/**
 * How long a consumer must remember that it handled an event: the next whole hour strictly after the longest
 * window in which the same event can arrive again. Any shorter and a late redelivery would be handled twice.
 */
export function idempotencyWindowFor(redeliveryWindow: Duration): Duration {
  return Duration.hours(Math.floor(redeliveryWindow.toSeconds() / 3600) + 1);
}
