import { unknownOperationError } from '../protocol/aws-error';
import { jsonOperationsHandler } from '../protocol/operations';
import type { JsonServiceHandler } from '../protocol/service';
import { STREAMS_AUTHORIZATION } from './authorization';
import { accessDenied } from './errors';
import { STREAMS_OPERATIONS } from './operations';
import type { StreamsState } from './state';

export const STREAMS_TARGET_PREFIX = 'DynamoDBStreams_20120810';

/** The DynamoDB Streams API on the endpoint. */
export function createHandler(state: StreamsState): JsonServiceHandler {
  return jsonOperationsHandler({
    targetPrefixes: [STREAMS_TARGET_PREFIX],
    operations: STREAMS_OPERATIONS,
    authorization: STREAMS_AUTHORIZATION,
    state,
    unknownOperation: unknownOperationError,
    accessDenied,
  });
}
