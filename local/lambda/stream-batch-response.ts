import type { StreamRecord } from '../model/ports';

/** How Lambda reads a stream function's response when the mapping turns ReportBatchItemFailures on. */
export type StreamBatchResponse =
  | { kind: 'success' }
  /** Lambda checkpoints before the lowest failed sequence number and retries every record from it on. */
  | { kind: 'partial'; retry: StreamRecord[]; lowestFailed: string }
  | { kind: 'complete-failure'; reason: string };

/**
 * AWS's rules for streams: an empty or null `batchItemFailures`, or an empty or null response, is a complete
 * success; an empty or null `itemIdentifier`, or an item without that key, is a complete failure. An identifier
 * that names no record of the batch fails all of it too, as it does for SQS sources.
 */
export function readBatchItemFailures(payload: unknown, batch: readonly StreamRecord[]): StreamBatchResponse {
  if (payload === null || typeof payload !== 'object') return { kind: 'success' };
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return { kind: 'success' };
  if (!Array.isArray(failures)) return { kind: 'complete-failure', reason: 'batchItemFailures is not a list' };
  if (failures.length === 0) return { kind: 'success' };
  const inBatch = new Set(batch.map((record) => record.dynamodb.SequenceNumber));
  let lowestFailed: string | undefined;
  for (const failure of failures) {
    const identifier = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof identifier !== 'string' || identifier === '') {
      return { kind: 'complete-failure', reason: `batchItemFailures holds an item without a valid itemIdentifier: ${JSON.stringify(failure)}` };
    }
    if (!inBatch.has(identifier)) {
      return { kind: 'complete-failure', reason: `batchItemFailures names sequence number ${identifier}, which is not in the batch` };
    }
    if (lowestFailed === undefined || identifier < lowestFailed) lowestFailed = identifier;
  }
  const from = lowestFailed as string;
  return { kind: 'partial', retry: batch.filter((record) => record.dynamodb.SequenceNumber >= from), lowestFailed: from };
}
