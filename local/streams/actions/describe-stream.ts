import { logForArn, type StreamsState } from '../state';
import type { DescribeStreamInput } from '../validations/describe-stream';

export function describeStream(state: StreamsState, input: DescribeStreamInput) {
  const log = logForArn(state, input.StreamArn);
  const { definition } = log;
  // The one shard is listed unless the caller already paged past it.
  const shards =
    input.ExclusiveStartShardId === definition.shardId
      ? []
      : [{ ShardId: definition.shardId, SequenceNumberRange: { StartingSequenceNumber: log.startingSequenceNumber() } }];
  return {
    StreamDescription: {
      StreamArn: definition.arn,
      StreamLabel: definition.label,
      StreamStatus: 'ENABLED',
      StreamViewType: definition.viewType,
      CreationRequestDateTime: log.createdAt,
      TableName: definition.tableName,
      KeySchema: definition.keySchema,
      Shards: shards,
    },
  };
}
