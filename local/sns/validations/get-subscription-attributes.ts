import { requiredString, type Input } from './fields';

export interface GetSubscriptionAttributesInput {
  SubscriptionArn: string;
}

export function validateGetSubscriptionAttributes(input: Input): GetSubscriptionAttributesInput {
  return { SubscriptionArn: requiredString(input, 'SubscriptionArn') };
}
