import type { DynaliteRequest } from '../engine';
import type { DynamoDbState } from '../state';

/** dynalite's DeleteTable; a stream the table got through the API goes with it, and a new table of that name gets a new one. */
export async function deleteTable(state: DynamoDbState, input: DynaliteRequest) {
  const output = await state.engine.runChecked('DeleteTable', input);
  const tableName = input.TableName as string;
  if (state.streamRegistry.remove(tableName)) {
    state.streams.delete(tableName);
    state.keySchemas.delete(tableName);
  }
  return output;
}
