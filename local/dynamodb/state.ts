import type { StreamViewType } from '../model/types';
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
  /** By table name. */
  streams: ReadonlyMap<string, TableStream>;
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
