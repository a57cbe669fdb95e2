import { batchEntries, checkEntry, receiptHandle, requiredString, type BatchInput } from './fields';

/** Each entry's receipt handle. */
export type DeleteMessageBatchInput = BatchInput<string>;

export function validateDeleteMessageBatch(input: Record<string, unknown>): DeleteMessageBatchInput {
  const QueueUrl = requiredString(input, 'QueueUrl');
  return { QueueUrl, Entries: batchEntries(input, 'DeleteMessageBatchRequestEntry').map((entry) => checkEntry(entry, receiptHandle)) };
}
