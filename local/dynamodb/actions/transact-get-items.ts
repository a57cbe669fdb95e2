import type { DynamoDbState } from '../state';
import type { TransactGetItemsInput } from '../validations/transact-get-items';

/** Each Get runs through dynalite's GetItem. Unlike AWS, the reads are not isolated from concurrent writes. */
export async function transactGetItems(state: DynamoDbState, input: TransactGetItemsInput) {
  const outputs = await Promise.all(input.TransactItems.map(({ request }) => state.engine.run('GetItem', { ...request })));
  return { Responses: outputs.map((output) => (output.Item === undefined ? {} : { Item: output.Item })) };
}
