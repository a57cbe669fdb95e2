import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';

/** An SNS error: its query-protocol code, message and HTTP status, as SNS answers them. */
export class SnsError extends AwsError {
  constructor(code: string, message: string, statusCode = 400) {
    super(code, message, statusCode);
  }
}

export const topicNotFound = (): SnsError => new SnsError('NotFound', 'Topic does not exist', 404);

export const invalidParameter = (detail: string): SnsError => new SnsError('InvalidParameter', `Invalid parameter: ${detail}`);

export const invalidParameterValue = (message: string): SnsError => new SnsError('InvalidParameterValue', message);

/** AWS's model-validation wording for a required member that is missing. */
export const missingMember = (member: string): SnsError =>
  new SnsError('ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);

export const emptyBatchRequest = (): SnsError => new SnsError('EmptyBatchRequest', 'The batch request doesn\'t contain any entries.');

export const tooManyEntriesInBatchRequest = (): SnsError =>
  new SnsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible.');

export const batchEntryIdsNotDistinct = (): SnsError => new SnsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id.');

/** Topics and subscriptions come from the template, so the calls that would change them are not served. */
export const operationNotServed = (operation: string): SnsError =>
  new SnsError('InvalidAction', `Operation ${operation} is not served: topics and subscriptions come from the template`);

/** SNS's answer to a caller its policies do not allow: AuthorizationError, HTTP 403. */
export const accessDenied = (denial: AccessDenial): SnsError => new SnsError('AuthorizationError', denial.message, 403);
