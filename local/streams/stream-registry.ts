import type { KeySchemaElement, StreamViewType } from '../model/types';
import type { DurableMap } from '../storage/state-store';
import { streamLabelAt, tableStreamArn } from '../template/arns';
import { streamDefinition, type StreamDefinition } from './stream-definition';

/** A table created through the API with a StreamSpecification. */
export interface CreatedTable {
  tableName: string;
  keySchema: KeySchemaElement[];
  viewType: StreamViewType;
}

/** Gives tables created through DynamoDB's API their streams, as the template's tables have theirs. */
export interface StreamRegistry {
  /** The table's new stream, labelled with the time of creation; kept in the state, so it outlives a restart. */
  create(table: CreatedTable): StreamDefinition;
  /** The table was deleted: its stream captures no more. False when the table had no stream created through the API. */
  remove(tableName: string): boolean;
  /** Every stream created through the API, in this run or an earlier one, that is still in use. */
  created(): StreamDefinition[];
}

/** The streams of API-created tables as the state keeps them: their definitions, by table name. */
export function createdStreamDefinitions(saved: DurableMap<StreamDefinition>, modelTables: ReadonlySet<string>): StreamDefinition[] {
  return [...saved.values()].filter((definition) => !modelTables.has(definition.tableName));
}

export function newStreamDefinition(table: CreatedTable, scope: { region: string; account: string }, nowMs: number): StreamDefinition {
  const arn = tableStreamArn(scope, table.tableName, streamLabelAt(nowMs));
  return streamDefinition(table.tableName, table.keySchema, table.viewType, arn);
}
