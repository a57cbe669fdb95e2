import { jsonOperationsHandler } from '../protocol/operations';
import type { JsonServiceHandler } from '../protocol/service';
import { KMS_AUTHORIZATION } from './authorization';
import { accessDenied, notServed } from './errors';
import { KMS_OPERATIONS } from './operations';
import type { KmsState } from './state';

/** The TrentService JSON 1.1 protocol, as SDK KMS clients speak it. */
export function createHandler(state: KmsState): JsonServiceHandler {
  return jsonOperationsHandler({
    targetPrefixes: ['TrentService'],
    operations: KMS_OPERATIONS,
    authorization: KMS_AUTHORIZATION,
    state,
    unknownOperation: notServed,
    accessDenied,
  });
}
