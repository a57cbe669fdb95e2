import { createdTableStream, withStream, type DynamoDbState } from '../state';
import type { CreateTableInput } from '../validations/create-table';

/** dynalite's CreateTable, and the table's stream when StreamSpecification enables one, created now. */
export async function createTable(state: DynamoDbState, input: CreateTableInput) {
  const output = await state.engine.runChecked('CreateTable', input.request);
  const description = output.TableDescription as Record<string, unknown>;
  if (input.stream) {
    const tableName = description.TableName as string;
    const definition = state.streamRegistry.create({ tableName, keySchema: input.keySchema, viewType: input.stream.viewType });
    state.keySchemas.set(tableName, definition.keySchema);
    state.streams.set(tableName, createdTableStream(definition));
  }
  return { ...output, TableDescription: withStream(state, description) };
}
