import { requiredString } from './fields';

export interface GetQueueUrlInput {
  QueueName: string;
  /** Any account but the runtime's names a queue that does not exist here. */
  QueueOwnerAWSAccountId?: string;
}

export function validateGetQueueUrl(input: Record<string, unknown>): GetQueueUrlInput {
  const owner = input.QueueOwnerAWSAccountId;
  return { QueueName: requiredString(input, 'QueueName'), QueueOwnerAWSAccountId: owner === undefined ? undefined : String(owner) };
}
