import type { DynamoDbState } from '../dynamodb-state';
import { validateTransactItems } from '../transact-validation';

/** Each Get runs through dynalite's GetItem. Unlike AWS, the reads are not isolated from concurrent writes. */
export async function transactGetItems(state: DynamoDbState, input: Record<string, unknown>) {
  const requests = validateTransactItems(input, ['Get']);
  const outputs = await Promise.all(requests.map(({ request }) => state.engine.run('GetItem', { ...request })));
  return { Responses: outputs.map((output) => (output.Item === undefined ? {} : { Item: output.Item })) };
}
