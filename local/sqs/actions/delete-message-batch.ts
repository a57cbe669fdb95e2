import { runBatch, type BatchResult } from '../batch-entries';
import type { SqsState } from '../state';
import type { DeleteMessageBatchInput } from '../validations/delete-message-batch';

export function deleteMessageBatch(state: SqsState, input: DeleteMessageBatchInput): BatchResult<{ Id: string }> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  return runBatch(input.Entries, (receiptHandle, id) => {
    engine.deleteMessage(queue, receiptHandle);
    return { Id: id };
  });
}
