import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { RejectedUserRecord } from './rejected-user-record';

/** SendMessageBatch takes at most ten messages; the pipe's batches are ten records at most. */
const MAX_BATCH_ENTRIES = 10;

/**
 * Parks a batch's rejected records in the rejected-users queue with one SendMessageBatch. Throws when the call fails
 * or any entry is refused: the enrichment then fails, so the pipe retries the batch and, in the end, keeps it in its
 * dead-letter queue. A record is never dropped unseen.
 */
export async function parkRejectedUsers(sqs: SQSClient, queueUrl: string, rejected: readonly RejectedUserRecord[]): Promise<void> {
  if (rejected.length === 0) return;
  if (rejected.length > MAX_BATCH_ENTRIES) {
    throw new Error(`Cannot park ${rejected.length} rejected records in one SendMessageBatch (at most ${MAX_BATCH_ENTRIES}); the pipe's batch size is too large`);
  }
  const entries = rejected.map((record, index) => ({ Id: String(index), MessageBody: JSON.stringify(record) }));
  const output = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  const failed = output.Failed ?? [];
  if (failed.length > 0) {
    const codes = failed.map((entry) => `${entry.Code}${entry.SenderFault ? ' (sender fault)' : ''}`).join(', ');
    throw new Error(`The rejected-users queue refused ${failed.length} of ${rejected.length} rejected records: ${codes}`);
  }
}
