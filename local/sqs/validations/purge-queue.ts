import { requiredString } from './fields';

export interface PurgeQueueInput {
  QueueUrl: string;
}

export function validatePurgeQueue(input: Record<string, unknown>): PurgeQueueInput {
  return { QueueUrl: requiredString(input, 'QueueUrl') };
}
