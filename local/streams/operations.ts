import { operation, type OperationTable } from '../protocol/operations';
import { describeStream } from './actions/describe-stream';
import { getRecords } from './actions/get-records';
import { getShardIterator } from './actions/get-shard-iterator';
import { listStreams } from './actions/list-streams';
import type { StreamsState } from './state';
import { validateDescribeStream } from './validations/describe-stream';
import { validateGetRecords } from './validations/get-records';
import { validateGetShardIterator } from './validations/get-shard-iterator';
import { validateListStreams } from './validations/list-streams';

/** The DynamoDB Streams API: the whole of it, since streams are read-only. */
export const STREAMS_OPERATIONS = {
  ListStreams: operation(validateListStreams, listStreams),
  DescribeStream: operation(validateDescribeStream, describeStream),
  GetShardIterator: operation(validateGetShardIterator, getShardIterator),
  GetRecords: operation(validateGetRecords, getRecords),
} satisfies OperationTable<StreamsState>;
