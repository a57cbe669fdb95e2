import type { SqsEngine } from '../engine';
import { requiredString, type Input } from '../validation';
import { batchEntries, runEntry, type BatchFailure } from './batch-entries';
import { receiptHandle } from './receipt';

export function deleteMessageBatch(engine: SqsEngine, input: Input): Record<string, unknown> {
  const queue = engine.queue(requiredString(input, 'QueueUrl'));
  const successful: { Id: string }[] = [];
  const failed: BatchFailure[] = [];
  for (const entry of batchEntries(input)) {
    const outcome = runEntry(entry, () => engine.deleteMessage(queue, receiptHandle(entry)));
    if ('failed' in outcome) failed.push(outcome.failed);
    else successful.push({ Id: entry.Id as string });
  }
  return { Successful: successful, Failed: failed };
}
