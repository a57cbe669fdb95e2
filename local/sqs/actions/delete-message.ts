import type { SqsState } from '../state';
import type { DeleteMessageInput } from '../validations/delete-message';

/** A well-formed but stale handle succeeds without deleting anything, as in SQS. */
export function deleteMessage(state: SqsState, input: DeleteMessageInput): Record<string, never> {
  const { engine } = state;
  engine.deleteMessage(engine.queue(input.QueueUrl), input.ReceiptHandle);
  return {};
}
