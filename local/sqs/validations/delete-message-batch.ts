import { batchEntries, checkEntry, receiptHandle, requiredString, type CheckedEntry } from './fields';

export interface DeleteMessageBatchInput {
  QueueUrl: string;
  /** Each entry's receipt handle. */
  Entries: CheckedEntry<string>[];
}

export function validateDeleteMessageBatch(input: Record<string, unknown>): DeleteMessageBatchInput {
  const QueueUrl = requiredString(input, 'QueueUrl');
  return { QueueUrl, Entries: batchEntries(input).map((entry) => checkEntry(entry, receiptHandle)) };
}
