import { jsonOperationsHandler } from '../protocol/operations';
import type { JsonServiceHandler } from '../protocol/service';
import { DYNAMODB_AUTHORIZATION } from './authorization';
import { accessDenied, unknownOperation } from './errors';
import { DYNAMODB_OPERATIONS } from './operations';
import type { DynamoDbState } from './state';

export const DYNAMODB_TARGET_PREFIX = 'DynamoDB_20120810';

/** The DynamoDB_20120810 JSON protocol. */
export function createHandler(state: DynamoDbState): JsonServiceHandler {
  return jsonOperationsHandler({
    targetPrefixes: [DYNAMODB_TARGET_PREFIX],
    operations: DYNAMODB_OPERATIONS,
    authorization: DYNAMODB_AUTHORIZATION,
    state,
    unknownOperation,
    accessDenied,
  });
}
