import { topicNotFound } from '../errors';
import type { SnsState } from '../state';
import type { TopicArnInput } from '../validations/topic-arn';

export function getTopicAttributes(state: SnsState, input: TopicArnInput): { Attributes: Record<string, string> } {
  if (!state.topics.has(input.TopicArn)) throw topicNotFound();
  const confirmed = state.subscriptions.filter((subscription) => subscription.topicArn === input.TopicArn).length;
  return {
    Attributes: {
      TopicArn: input.TopicArn,
      Owner: state.account,
      SubscriptionsConfirmed: String(confirmed),
      SubscriptionsPending: '0',
      SubscriptionsDeleted: '0',
    },
  };
}
