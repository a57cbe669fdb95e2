import { conditionalWriteInput, type ConditionalWriteInput } from './fields';

export function validatePutItem(input: Record<string, unknown>): ConditionalWriteInput {
  return conditionalWriteInput('PutItem', input);
}
