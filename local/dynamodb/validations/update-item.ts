import { conditionalWriteInput, type ConditionalWriteInput } from './fields';

export function validateUpdateItem(input: Record<string, unknown>): ConditionalWriteInput {
  return conditionalWriteInput('UpdateItem', input);
}
