import { withStream, type DynamoDbState } from '../dynamodb-state';

/** dynalite's DescribeTable, plus the stream it does not know about. */
export async function describeTable(state: DynamoDbState, input: Record<string, unknown>) {
  const output = await state.engine.run('DescribeTable', input);
  return { ...output, Table: withStream(state, output.Table as Record<string, unknown>) };
}
