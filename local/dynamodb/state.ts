import type { KeySchemaElement, StreamViewType } from '../model/types';
import type { StreamDefinition, StreamRegistry } from '../streams';
import type { DynaliteEngine } from './engine';

/** A table's stream as DescribeTable reports it. */
export interface TableStream {
  arn: string;
  label: string;
  viewType: StreamViewType;
}

/** What the actions dynalite lacks, or answers differently from AWS, work from. */
export interface DynamoDbState {
  engine: DynaliteEngine;
  /** By table name: the template's streams, and those of tables created through the API. */
  streams: Map<string, TableStream>;
  /** The key schema of every table with a stream, by name, which the write capture reads. */
  keySchemas: Map<string, KeySchemaElement[]>;
  /** Gives tables created through the API their streams. */
  streamRegistry: StreamRegistry;
  /** The TTL attribute by table name; dynalite keeps none. */
  timeToLive: Map<string, string>;
  /** The partition key attribute of each template table, by name, for `dynamodb:LeadingKeys`. */
  partitionKeys: ReadonlyMap<string, string>;
}

/** Adds what AWS reports about a table's stream to a table description. */
export function withStream(state: DynamoDbState, description: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const stream = description && state.streams.get(description.TableName as string);
  if (!description || !stream) return description;
  return {
    ...description,
    StreamSpecification: { StreamEnabled: true, StreamViewType: stream.viewType },
    LatestStreamLabel: stream.label,
    LatestStreamArn: stream.arn,
  };
}

/** The stream of a table created through the API, as DescribeTable reports it. */
export function createdTableStream(definition: StreamDefinition): TableStream {
  return { arn: definition.arn, label: definition.label, viewType: definition.viewType };
}
