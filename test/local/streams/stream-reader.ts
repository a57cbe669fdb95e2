import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
  type ShardIteratorType,
} from '@aws-sdk/client-dynamodb-streams';
import type { LocalDynamoDb } from '../../../support/local-dynamodb';

export interface StreamShard {
  streamArn: string;
  shardId: string;
}

/** Finds a table's stream and shard the way a consumer does: DescribeTable, then DescribeStream. */
export async function shardOf(local: LocalDynamoDb, tableName: string): Promise<StreamShard> {
  const { Table } = await local.dynamo.send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn as string;
  const { StreamDescription } = await local.dynamoStreams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
  return { streamArn, shardId: StreamDescription?.Shards?.[0].ShardId as string };
}

export async function iteratorFor(
  local: LocalDynamoDb,
  shard: StreamShard,
  type: ShardIteratorType,
  sequenceNumber?: string,
): Promise<string> {
  const { ShardIterator } = await local.dynamoStreams.send(
    new GetShardIteratorCommand({ StreamArn: shard.streamArn, ShardId: shard.shardId, ShardIteratorType: type, SequenceNumber: sequenceNumber }),
  );
  return ShardIterator as string;
}

/** Every record from the trim horizon, page by page, until a page comes back empty. */
export async function readAllRecords(local: LocalDynamoDb, tableName: string, pageSize = 1000): Promise<_Record[]> {
  let iterator = await iteratorFor(local, await shardOf(local, tableName), 'TRIM_HORIZON');
  const records: _Record[] = [];
  for (;;) {
    const page = await local.dynamoStreams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: pageSize }));
    records.push(...(page.Records ?? []));
    iterator = page.NextShardIterator as string;
    if ((page.Records ?? []).length === 0) return records;
  }
}
