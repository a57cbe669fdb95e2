import { conditionalWriteInput, type ConditionalWriteInput } from './fields';

export function validateDeleteItem(input: Record<string, unknown>): ConditionalWriteInput {
  return conditionalWriteInput('DeleteItem', input);
}
