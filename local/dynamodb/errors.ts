import type { AccessDenial } from '../protocol/authorization';
import { AwsError, unknownOperationError } from '../protocol/aws-error';

/** DynamoDB namespaces the `__type` of the errors it raises itself. */
export const DYNAMODB_ERROR_PREFIX = 'com.amazonaws.dynamodb.v20120810#';

export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: Record<string, unknown>;
}

export const transactionCanceled = (reasons: readonly CancellationReason[]): AwsError =>
  new AwsError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.Code).join(', ')}]`,
    400,
    DYNAMODB_ERROR_PREFIX,
    { CancellationReasons: reasons },
  );

/** PartiQL would need a query engine of its own; saying so beats an anonymous unknown-operation error. */
const PARTIQL_OPERATIONS = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

export const unknownOperation = (operation: string): AwsError =>
  PARTIQL_OPERATIONS.has(operation)
    ? new AwsError('UnknownOperationException', `${operation} (PartiQL) is not supported by the local DynamoDB`)
    : unknownOperationError(operation);

/** DynamoDB (and DynamoDB Streams) refuse a request the caller may not make with coral's AccessDeniedException, HTTP 400. */
export const accessDenied = (denial: AccessDenial): AwsError => new AwsError('AccessDeniedException', denial.message, 400, 'com.amazon.coral.service#');
