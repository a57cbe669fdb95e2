import { topicNotFound } from '../errors';
import type { SnsState } from '../state';
import type { TopicArnInput } from '../validations/topic-arn';
import { pageOf } from '../pages';
import { subscriptionView } from '../subscription-view';

export function listSubscriptionsByTopic(state: SnsState, input: TopicArnInput): Record<string, unknown> {
  if (!state.topics.has(input.TopicArn)) throw topicNotFound();
  const ofTopic = state.subscriptions.filter((subscription) => subscription.topicArn === input.TopicArn);
  const { page, NextToken } = pageOf(ofTopic, input.NextToken);
  return { Subscriptions: page.map((subscription) => subscriptionView(subscription, state.account)), ...(NextToken !== undefined ? { NextToken } : {}) };
}
