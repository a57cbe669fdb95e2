import { requiredString, type Input } from './fields';

/** GetTopicAttributes and ListSubscriptionsByTopic name a topic. */
export interface TopicArnInput {
  TopicArn: string;
  NextToken?: string;
}

export function validateTopicArn(input: Input): TopicArnInput {
  const NextToken = typeof input.NextToken === 'string' ? input.NextToken : undefined;
  return { TopicArn: requiredString(input, 'TopicArn'), ...(NextToken !== undefined ? { NextToken } : {}) };
}
