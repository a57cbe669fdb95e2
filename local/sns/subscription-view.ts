import type { SnsSubscriptionModel } from '../model/types';

/** A subscription as ListSubscriptions and ListSubscriptionsByTopic show it. */
export function subscriptionView(subscription: SnsSubscriptionModel, owner: string): Record<string, string> {
  return {
    SubscriptionArn: subscription.arn,
    Owner: owner,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    TopicArn: subscription.topicArn,
  };
}
