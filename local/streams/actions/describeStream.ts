import { InputValidation } from '../validation';
import { logForArn, type StreamsState } from '../streams-state';

export function describeStream(state: StreamsState, input: Record<string, unknown>) {
  const validation = new InputValidation(input);
  const streamArn = validation.string('StreamArn', { required: true, minLength: 37, maxLength: 1024 });
  validation.integer('Limit', { min: 1, max: 100 });
  const exclusiveStartShardId = validation.string('ExclusiveStartShardId', { minLength: 28, maxLength: 65 });
  validation.check();

  const log = logForArn(state, streamArn as string);
  const { definition } = log;
  // The one shard is listed unless the caller already paged past it.
  const shards =
    exclusiveStartShardId === definition.shardId
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
