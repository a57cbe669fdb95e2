import { optionalStringList, requiredString } from './fields';

export interface GetQueueAttributesInput {
  QueueUrl: string;
  AttributeNames: string[];
}

export function validateGetQueueAttributes(input: Record<string, unknown>): GetQueueAttributesInput {
  return { QueueUrl: requiredString(input, 'QueueUrl'), AttributeNames: optionalStringList(input, 'AttributeNames') ?? [] };
}
