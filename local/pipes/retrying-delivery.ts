import { PipeModel } from '../model/types';
import { StreamRecord } from '../model/ports';
import { DeliveryOutcome } from './batch-delivery';
import { recordCreatedAtMs, StreamFailureCondition } from './dead-letter-record';

export interface RetryBackoff {
  /** Delay before the first retry; doubles with each retry up to `maxMs`. */
  initialMs: number;
  maxMs: number;
}

export interface RetryingDeliveryOptions {
  pipe: PipeModel;
  deliver(records: StreamRecord[]): Promise<DeliveryOutcome>;
  /** Called for records that will not be retried any more; must not throw. */
  giveUp(records: StreamRecord[], condition: StreamFailureCondition, invokeCount: number, reason: string): Promise<void>;
  backoff: RetryBackoff;
  /** Resolves after `ms`, or early (with false) when the runner is closing. */
  sleep(ms: number): Promise<boolean>;
  /** Epoch ms, for the records' age. */
  now(): number;
  log(message: string): void;
  /** Told of each failed attempt, as the pipe's execution log records it. */
  failed(reason: string): void;
}

interface PendingPart {
  records: StreamRecord[];
  /** Retries so far; halving a batch does not count as one, as in AWS. */
  retries: number;
}

function oldestAgeMs(records: StreamRecord[], now: number): number {
  return now - Math.min(...records.map(recordCreatedAtMs));
}

/**
 * Delivers a batch until every record either succeeded or was given up on: failures are retried up to the
 * source's maximumRetryAttempts and maximumRecordAge (-1: unbounded), with AUTOMATIC_BISECT splitting a
 * failing batch in halves so one poison record cannot hold back the others. Parts run in stream order.
 * Resolves false when the runner closed before the batch was settled.
 */
export async function deliverWithRetries(batch: StreamRecord[], options: RetryingDeliveryOptions): Promise<boolean> {
  const { pipe, backoff } = options;
  const { maximumRetryAttempts, maximumRecordAgeSeconds, onPartialBatchItemFailure } = pipe.source;
  const bisect = onPartialBatchItemFailure === 'AUTOMATIC_BISECT';
  const parts: PendingPart[] = [{ records: batch, retries: 0 }];
  while (parts.length > 0) {
    const part = parts.shift() as PendingPart;
    if (maximumRecordAgeSeconds !== -1 && oldestAgeMs(part.records, options.now()) > maximumRecordAgeSeconds * 1000) {
      await options.giveUp(part.records, 'RecordAgeExceeded', part.retries, 'records older than maximumRecordAge');
      continue;
    }
    const outcome = await options.deliver(part.records);
    if (outcome.ok) continue;
    const failing = outcome.failed;
    options.log(`batch of ${part.records.length} failed (${outcome.reason}); ${failing.length} record(s) to retry`);
    options.failed(outcome.reason);
    if (bisect && failing.length > 1) {
      const middle = Math.ceil(failing.length / 2);
      parts.unshift({ records: failing.slice(0, middle), retries: part.retries }, { records: failing.slice(middle), retries: part.retries });
      continue;
    }
    const retries = part.retries + 1;
    if (maximumRetryAttempts !== -1 && retries > maximumRetryAttempts) {
      await options.giveUp(failing, 'RetryAttemptsExhausted', retries, outcome.reason);
      continue;
    }
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (retries - 1));
    if (!(await options.sleep(delay))) return false;
    parts.unshift({ records: failing, retries });
  }
  return true;
}
