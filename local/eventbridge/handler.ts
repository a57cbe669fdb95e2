import { jsonOperationsHandler } from '../protocol/operations';
import type { JsonServiceHandler } from '../protocol/service';
import { EVENTBRIDGE_AUTHORIZATION } from './authorization';
import { accessDenied, operationNotServed } from './errors';
import { EVENTBRIDGE_OPERATIONS } from './operations';
import type { EventBridgeState } from './state';

export const EVENTBRIDGE_TARGET_PREFIX = 'AWSEvents';

/** The AWSEvents JSON protocol. */
export function createHandler(state: EventBridgeState): JsonServiceHandler {
  return jsonOperationsHandler({
    targetPrefixes: [EVENTBRIDGE_TARGET_PREFIX],
    operations: EVENTBRIDGE_OPERATIONS,
    authorization: EVENTBRIDGE_AUTHORIZATION,
    state,
    unknownOperation: operationNotServed,
    accessDenied,
  });
}
