import { runBatch, type BatchResult } from '../batch-entries';
import { messageNotInflight } from '../errors';
import type { SqsState } from '../state';
import type { ChangeMessageVisibilityBatchInput } from '../validations/change-message-visibility-batch';

/** Each entry as ChangeMessageVisibility would answer it; a handle whose message is not in flight fails that entry. */
export function changeMessageVisibilityBatch(state: SqsState, input: ChangeMessageVisibilityBatchInput): BatchResult<{ Id: string }> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  return runBatch(input.Entries, (entry, id) => {
    if (engine.changeVisibility(queue, entry.ReceiptHandle, entry.VisibilityTimeout) !== 'changed') throw messageNotInflight();
    return { Id: id };
  });
}
