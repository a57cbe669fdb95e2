import { withStream, type DynamoDbState } from '../dynamodb-state';

/** dynalite's CreateTable; a table the model gives a stream reports it, as DescribeTable does. */
export async function createTable(state: DynamoDbState, input: Record<string, unknown>) {
  const output = await state.engine.run('CreateTable', input);
  return { ...output, TableDescription: withStream(state, output.TableDescription as Record<string, unknown>) };
}
