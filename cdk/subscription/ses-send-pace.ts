import { Duration } from 'aws-cdk-lib';

/** How a queued function that sends email is paced so that, at its maximum concurrency, it stays within its share of the SES quota. */
export interface SesSendPace {
  /** Least time between the starts of two sends of one function instance (`MIN_SEND_INTERVAL_MS`). */
  readonly minSendIntervalMs: number;
  /** The most emails a second the function can send: maximum concurrency × (1 / minimum interval). */
  readonly maxSendRate: number;
}

export interface SesSendPaceInput {
  readonly subscriberName: string;
  /** Emails a second this function may send: the account's SES rate, shared among the functions that send email. */
  readonly sendRateShare: number;
  /** Instances the event source mapping may run at once; each sends one email at a time. */
  readonly maxConcurrency: number;
  readonly batchSize: number;
  readonly timeout: Duration;
}

/**
 * Each instance sends one email at a time, and starts a send no sooner than `minSendIntervalMs` after its previous
 * one, so the function never sends faster than `maxConcurrency × 1000 / minSendIntervalMs` a second. A paced batch
 * must also fit its function's timeout, with half of it left for the calls themselves; otherwise synthesis fails
 * naming the settings to change, rather than every batch timing out in AWS.
 */
export function sesSendPace(input: SesSendPaceInput): SesSendPace {
  const minSendIntervalMs = Math.ceil((1000 * input.maxConcurrency) / input.sendRateShare);
  const pacedBatchMs = input.batchSize * minSendIntervalMs;
  const budgetMs = input.timeout.toMilliseconds() / 2;
  if (pacedBatchMs > budgetMs) {
    throw new Error(
      `Subscriber "${input.subscriberName}": at ${input.sendRateShare} emails/s shared by ${input.maxConcurrency} instances, a batch of ` +
        `${input.batchSize} sends takes ${pacedBatchMs} ms, more than half its ${input.timeout.toSeconds()} s timeout: lower delivery.batchSize ` +
        `to ${Math.max(1, Math.floor(budgetMs / minSendIntervalMs))} or raise delivery.timeout to ${Math.ceil((2 * pacedBatchMs) / 1000)} s`,
    );
  }
  return { minSendIntervalMs, maxSendRate: (1000 * input.maxConcurrency) / minSendIntervalMs };
}
