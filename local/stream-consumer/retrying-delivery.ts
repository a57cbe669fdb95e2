import type { StreamRecord } from '../model/ports';
import { recordCreatedAtMs, type StreamFailureCondition } from './batch-info';

export interface RetryBackoff {
  /** Delay before the first retry; doubles with each retry up to `maxMs`. */
  initialMs: number;
  maxMs: number;
}

/** When a stream consumer stops retrying a failing batch; -1 means never, as in AWS. */
export interface StreamRetryPolicy {
  maximumRetryAttempts: number;
  maximumRecordAgeSeconds: number;
}

/** An attempt that failed; `detail` is whatever the consumer wants back when it gives up (the function's response). */
export interface FailedAttempt<Detail = undefined> {
  /** The records to retry: all of the attempt's, or those from the first failed item on. */
  failed: StreamRecord[];
  reason: string;
  /** Split `failed` in halves before the retry (Pipes' AUTOMATIC_BISECT, Lambda's BisectBatchOnFunctionError). */
  bisect: boolean;
  detail?: Detail;
}

export type AttemptOutcome<Detail = undefined> = { ok: true } | ({ ok: false } & FailedAttempt<Detail>);

export interface RetryingDeliveryOptions<Detail = undefined> {
  policy: StreamRetryPolicy;
  /** One attempt at some records of the batch; must not throw. */
  attempt(records: StreamRecord[]): Promise<AttemptOutcome<Detail>>;
  /**
   * Called for records that will not be retried any more, with the last failed attempt at them (none when they aged
   * out before their first attempt); must not throw.
   */
  giveUp(records: StreamRecord[], condition: StreamFailureCondition, invokeCount: number, last: FailedAttempt<Detail> | undefined): Promise<void>;
  backoff: RetryBackoff;
  /** Resolves after `ms`, or early (with false) when the consumer is closing. */
  sleep(ms: number): Promise<boolean>;
  /** Epoch ms, for the records' age. */
  now(): number;
  log(message: string): void;
}

interface PendingPart<Detail> {
  records: StreamRecord[];
  /** Retries so far; halving a batch does not count as one, as in AWS. */
  retries: number;
  last?: FailedAttempt<Detail>;
}

function oldestAgeMs(records: StreamRecord[], now: number): number {
  return now - Math.min(...records.map(recordCreatedAtMs));
}

/**
 * Delivers a batch until every record either succeeded or was given up on: failures are retried up to the
 * policy's maximum retry attempts and record age (-1: unbounded), with bisection splitting a failing batch in
 * halves so one poison record cannot hold back the others. Parts run in stream order, one at a time, as Lambda
 * and Pipes process one batch of a shard at a time. Resolves false when the consumer closed before the batch was
 * settled.
 */
export async function deliverWithRetries<Detail = undefined>(
  batch: StreamRecord[],
  options: RetryingDeliveryOptions<Detail>,
): Promise<boolean> {
  const { policy, backoff } = options;
  const parts: Array<PendingPart<Detail>> = [{ records: batch, retries: 0 }];
  while (parts.length > 0) {
    const part = parts.shift() as PendingPart<Detail>;
    if (policy.maximumRecordAgeSeconds !== -1 && oldestAgeMs(part.records, options.now()) > policy.maximumRecordAgeSeconds * 1000) {
      await options.giveUp(part.records, 'RecordAgeExceeded', part.retries, part.last);
      continue;
    }
    const outcome = await options.attempt(part.records);
    if (outcome.ok) continue;
    const { ok: _failed, ...last } = outcome;
    const failing = last.failed;
    options.log(`batch of ${part.records.length} failed (${last.reason}); ${failing.length} record(s) to retry`);
    if (last.bisect && failing.length > 1) {
      const middle = Math.ceil(failing.length / 2);
      parts.unshift(
        { records: failing.slice(0, middle), retries: part.retries, last },
        { records: failing.slice(middle), retries: part.retries, last },
      );
      continue;
    }
    const retries = part.retries + 1;
    if (policy.maximumRetryAttempts !== -1 && retries > policy.maximumRetryAttempts) {
      await options.giveUp(failing, 'RetryAttemptsExhausted', retries, last);
      continue;
    }
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (retries - 1));
    if (!(await options.sleep(delay))) return false;
    parts.unshift({ records: failing, retries, last });
  }
  return true;
}
