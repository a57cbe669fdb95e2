import { receiptHandle, requiredString } from './fields';

export interface DeleteMessageInput {
  QueueUrl: string;
  ReceiptHandle: string;
}

export function validateDeleteMessage(input: Record<string, unknown>): DeleteMessageInput {
  return { QueueUrl: requiredString(input, 'QueueUrl'), ReceiptHandle: receiptHandle(input) };
}
