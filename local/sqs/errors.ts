import type { AccessDenial } from '../protocol/authorization';
import { AwsError } from '../protocol/aws-error';

/**
 * An SQS error as the JSON protocol returns it: `__type` is `com.amazonaws.sqs#<Code>` and the
 * `x-amzn-query-error` header carries the legacy query code. SDK v3 clients are query-compatible and read that
 * header to pick the exception class and `Code`.
 */
export class SqsError extends AwsError {
  constructor(code: string, message: string, queryCode: string = code, statusCode = 400) {
    super(code, message, statusCode, 'com.amazonaws.sqs#', {}, { 'x-amzn-query-error': `${queryCode};Sender` });
  }
}

export const queueDoesNotExist = (): SqsError =>
  new SqsError('QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');

export const purgeQueueInProgress = (queueName: string): SqsError =>
  new SqsError(
    'PurgeQueueInProgress',
    `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
    'AWS.SimpleQueueService.PurgeQueueInProgress',
    403,
  );

export const invalidParameterValue = (message: string): SqsError => new SqsError('InvalidParameterValue', message);

export const missingParameter = (name: string): SqsError =>
  new SqsError('MissingParameter', `The request must contain the parameter ${name}.`);

export const receiptHandleIsInvalid = (handle: string): SqsError =>
  new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`);

export const messageNotInflight = (): SqsError =>
  new SqsError(
    'MessageNotInflight',
    'Message does not exist or is not available for visibility timeout change.',
    'AWS.SimpleQueueService.MessageNotInflight',
  );

export const invalidAttributeName = (name: string): SqsError =>
  new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);

export const invalidMessageContents = (): SqsError =>
  new SqsError('InvalidMessageContents', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');

/** `entryType` names the batch's entries, for example `SendMessageBatchRequestEntry`. */
export const emptyBatchRequest = (entryType: string): SqsError =>
  new SqsError('EmptyBatchRequest', `There should be at least one ${entryType} in the request.`, 'AWS.SimpleQueueService.EmptyBatchRequest');

export const tooManyEntriesInBatchRequest = (count: number): SqsError =>
  new SqsError(
    'TooManyEntriesInBatchRequest',
    `Maximum number of entries per request are 10. You have sent ${count}.`,
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
  );

export const batchEntryIdsNotDistinct = (id: string): SqsError =>
  new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');

export const invalidBatchEntryId = (): SqsError =>
  new SqsError(
    'InvalidBatchEntryId',
    'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    'AWS.SimpleQueueService.InvalidBatchEntryId',
  );

export const batchRequestTooLong = (size: number, limit: number): SqsError =>
  new SqsError(
    'BatchRequestTooLong',
    `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`,
    'AWS.SimpleQueueService.BatchRequestTooLong',
  );

export const invalidAction = (operation: string): SqsError =>
  new SqsError('InvalidAction', `The action ${operation} is not valid for this endpoint.`);

export const resourceNotFound = (message: string): SqsError => new SqsError('ResourceNotFoundException', message);

/**
 * A request its caller may not make. SQS's JSON protocol answers with coral's `AccessDeniedException` and the legacy
 * code `AccessDenied` in `x-amzn-query-error`, which query-compatible SDKs report; SQS writes actions in lower case
 * (`is not authorized to perform: sqs:sendmessage`).
 */
export function accessDenied(denial: AccessDenial): AwsError {
  // SQS could not use the queue's key for the caller: SQS's own error, carrying KMS's denial.
  if (denial.check.action.startsWith('kms:')) return new SqsError('KmsAccessDenied', denial.message, 'KMS.AccessDeniedException');
  const action = denial.check.action.toLowerCase();
  const message = denial.message.split(denial.check.action).join(action);
  return new AwsError('AccessDeniedException', message, 403, 'com.amazon.coral.service#', {}, { 'x-amzn-query-error': 'AccessDenied;Sender' });
}
