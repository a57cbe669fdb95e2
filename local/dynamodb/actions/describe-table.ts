import type { DynaliteRequest } from '../engine';
import { withStream, type DynamoDbState } from '../state';

/** dynalite's DescribeTable, plus the stream it does not know about. */
export async function describeTable(state: DynamoDbState, input: DynaliteRequest) {
  const output = await state.engine.runChecked('DescribeTable', input);
  return { ...output, Table: withStream(state, output.Table as Record<string, unknown>) };
}
