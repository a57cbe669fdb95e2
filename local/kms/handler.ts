import { dispatch } from '../protocol/dispatch';
import type { JsonServiceHandler } from '../protocol/service';
import { notServed } from './errors';
import { KMS_OPERATIONS } from './operations';
import type { KmsState } from './state';

/** The TrentService JSON 1.1 protocol, as SDK KMS clients speak it. */
export function createHandler(state: KmsState): JsonServiceHandler {
  return {
    targetPrefixes: ['TrentService'],
    handle: (operation, input, context) => dispatch(KMS_OPERATIONS, state, operation, input, context, notServed),
  };
}
