import type { DynaliteRequest } from '../engine';
import { withStream, type DynamoDbState } from '../state';

/** dynalite's CreateTable; a table the model gives a stream reports it, as DescribeTable does. */
export async function createTable(state: DynamoDbState, input: DynaliteRequest) {
  const output = await state.engine.runChecked('CreateTable', input);
  return { ...output, TableDescription: withStream(state, output.TableDescription as Record<string, unknown>) };
}
