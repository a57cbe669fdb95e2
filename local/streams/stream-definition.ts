import { createHash } from 'node:crypto';
import type { KeySchemaElement, StreamViewType, TableModel } from '../model/types';

/** A table's stream, as the model declares it. */
export interface StreamDefinition {
  arn: string;
  /** The part of the ARN after `/stream/`, which DescribeTable reports as `LatestStreamLabel`. */
  label: string;
  tableName: string;
  keySchema: KeySchemaElement[];
  viewType: StreamViewType;
  /** The stream's one shard; stable across restarts because it derives from the ARN. */
  shardId: string;
}

export function streamDefinitions(tables: readonly TableModel[]): StreamDefinition[] {
  return tables.flatMap((table) => (table.stream ? [streamDefinition(table.name, table.keySchema, table.stream.viewType, table.stream.arn)] : []));
}

export function streamLabel(streamArn: string): string {
  const marker = streamArn.lastIndexOf('/stream/');
  if (marker === -1) throw new Error(`Stream ARN "${streamArn}" has no "/stream/<label>" part`);
  return streamArn.slice(marker + '/stream/'.length);
}

export function streamDefinition(tableName: string, keySchema: KeySchemaElement[], viewType: StreamViewType, arn: string): StreamDefinition {
  const digest = createHash('sha256').update(arn).digest('hex');
  return {
    arn,
    label: streamLabel(arn),
    tableName,
    keySchema,
    viewType,
    shardId: `shardId-00000000000000000001-${digest.slice(0, 8)}`,
  };
}
