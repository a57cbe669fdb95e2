import { conditionalWrite } from '../conditional-write';
import type { DynamoDbState } from '../state';
import type { ConditionalWriteInput } from '../validations/fields';

export function putItem(state: DynamoDbState, input: ConditionalWriteInput) {
  return conditionalWrite(state, 'PutItem', input);
}
