import { operation, type OperationTable } from '../protocol/operations';
import { invoke } from './actions/invoke';
import { listFunctions } from './actions/list-functions';
import type { LambdaState } from './state';
import { validateInvoke } from './validations/invoke';
import { validateListFunctions } from './validations/list-functions';

/** The Lambda API operations the local runtime answers. Functions come from the template, so no call changes them. */
export const LAMBDA_OPERATIONS = {
  Invoke: operation(validateInvoke, invoke),
  ListFunctions: operation(validateListFunctions, listFunctions),
} satisfies OperationTable<LambdaState>;
