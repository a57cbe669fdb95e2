import { Duration } from 'aws-cdk-lib';

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
