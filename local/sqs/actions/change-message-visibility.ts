import { messageNotInflight } from '../errors';
import type { SqsState } from '../state';
import type { ChangeMessageVisibilityInput } from '../validations/change-message-visibility';

export function changeMessageVisibility(state: SqsState, input: ChangeMessageVisibilityInput): Record<string, never> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  if (engine.changeVisibility(queue, input.ReceiptHandle, input.VisibilityTimeout) !== 'changed') throw messageNotInflight();
  return {};
}
