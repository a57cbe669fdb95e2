import { jsonOperationsHandler } from '../protocol/operations';
import type { JsonServiceHandler } from '../protocol/service';
import { SQS_AUTHORIZATION } from './authorization';
import { accessDenied, invalidAction } from './errors';
import { SQS_OPERATIONS } from './operations';
import type { SqsState } from './state';

export const SQS_TARGET_PREFIX = 'AmazonSQS';

/** The AmazonSQS JSON protocol (`X-Amz-Target: AmazonSQS.<Action>`), as SDK v3 and recent AWS CLI speak it. */
export function createHandler(state: SqsState): JsonServiceHandler {
  return jsonOperationsHandler({
    targetPrefixes: [SQS_TARGET_PREFIX],
    operations: SQS_OPERATIONS,
    authorization: SQS_AUTHORIZATION,
    state,
    unknownOperation: invalidAction,
    accessDenied,
  });
}
