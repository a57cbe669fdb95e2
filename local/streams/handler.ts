import { unknownOperationError } from '../protocol/aws-error';
import type { JsonServiceHandler } from '../protocol/service';
import { describeStream } from './actions/describeStream';
import { getRecords } from './actions/getRecords';
import { getShardIterator } from './actions/getShardIterator';
import { listStreams } from './actions/listStreams';
import type { StreamsState } from './streams-state';

export const STREAMS_TARGET_PREFIX = 'DynamoDBStreams_20120810';

const ACTIONS: Record<string, (state: StreamsState, input: Record<string, unknown>) => unknown> = {
  ListStreams: listStreams,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetRecords: getRecords,
};

/** The DynamoDB Streams API on the endpoint. */
export function createStreamsHandler(state: StreamsState): JsonServiceHandler {
  return {
    targetPrefixes: [STREAMS_TARGET_PREFIX],
    handle(operation, input) {
      const action = Object.hasOwn(ACTIONS, operation) ? ACTIONS[operation] : undefined;
      if (!action) throw unknownOperationError(operation);
      return action(state, input);
    },
  };
}
