import { missingParameter } from '../errors';
import { batchEntries, checkEntry, optionalVisibilityTimeout, receiptHandle, requiredString, type BatchInput, type Input } from './fields';

export interface ChangeMessageVisibilityBatchEntryInput {
  ReceiptHandle: string;
  VisibilityTimeout: number;
}

export type ChangeMessageVisibilityBatchInput = BatchInput<ChangeMessageVisibilityBatchEntryInput>;

/**
 * The batch as a whole first (1 to 10 entries with distinct ids, each naming its new timeout), then each entry:
 * a malformed receipt handle or an out-of-range timeout fails that entry alone.
 */
export function validateChangeMessageVisibilityBatch(input: Record<string, unknown>): ChangeMessageVisibilityBatchInput {
  const QueueUrl = requiredString(input, 'QueueUrl');
  const entries = batchEntries(input, 'ChangeMessageVisibilityBatchRequestEntry');
  if (entries.some((entry) => entry.VisibilityTimeout === undefined || entry.VisibilityTimeout === null)) {
    throw missingParameter('ChangeMessageVisibilityBatchRequestEntry.VisibilityTimeout');
  }
  return { QueueUrl, Entries: entries.map((entry) => checkEntry(entry, checkChangeEntry)) };
}

function checkChangeEntry(entry: Input): ChangeMessageVisibilityBatchEntryInput {
  return { ReceiptHandle: receiptHandle(entry), VisibilityTimeout: optionalVisibilityTimeout(entry) as number };
}
