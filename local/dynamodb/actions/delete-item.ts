import { conditionalWrite } from '../conditional-write';
import type { DynamoDbState } from '../state';
import type { ConditionalWriteInput } from '../validations/fields';

export function deleteItem(state: DynamoDbState, input: ConditionalWriteInput) {
  return conditionalWrite(state, 'DeleteItem', input);
}
