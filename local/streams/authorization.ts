import { authorization, type AuthorizationTable } from '../protocol/authorization';
import type { STREAMS_OPERATIONS } from './operations';
import { iteratorStreamArn } from './shard-iterator';
import type { StreamsState } from './state';

const STREAM = 'stream';

/** The permission each DynamoDB Streams operation needs; streams' actions are DynamoDB's (`dynamodb:GetRecords`). */
export const STREAMS_AUTHORIZATION = {
  ListStreams: authorization([{ action: 'dynamodb:ListStreams', resourceType: '*' }], () => [{ action: 'dynamodb:ListStreams', resource: '*' }]),
  DescribeStream: authorization([{ action: 'dynamodb:DescribeStream', resourceType: STREAM }], (input) => [{ action: 'dynamodb:DescribeStream', resource: input.StreamArn }]),
  GetShardIterator: authorization([{ action: 'dynamodb:GetShardIterator', resourceType: STREAM }], (input) => [
    { action: 'dynamodb:GetShardIterator', resource: input.StreamArn },
  ]),
  // The iterator says which stream it reads. One that is not an iterator at all is refused by the action as malformed.
  GetRecords: authorization([{ action: 'dynamodb:GetRecords', resourceType: STREAM }], (input) => {
    const streamArn = iteratorStreamArn(input.ShardIterator);
    return streamArn === undefined ? [] : [{ action: 'dynamodb:GetRecords', resource: streamArn }];
  }),
} satisfies AuthorizationTable<StreamsState, typeof STREAMS_OPERATIONS>;
