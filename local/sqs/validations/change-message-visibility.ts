import { receiptHandle, requiredString, visibilityTimeout } from './fields';

export interface ChangeMessageVisibilityInput {
  QueueUrl: string;
  ReceiptHandle: string;
  VisibilityTimeout: number;
}

export function validateChangeMessageVisibility(input: Record<string, unknown>): ChangeMessageVisibilityInput {
  return { QueueUrl: requiredString(input, 'QueueUrl'), ReceiptHandle: receiptHandle(input), VisibilityTimeout: visibilityTimeout(input) };
}
