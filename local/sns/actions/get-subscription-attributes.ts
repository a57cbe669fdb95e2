import { SnsError } from '../errors';
import type { SnsState } from '../state';
import type { GetSubscriptionAttributesInput } from '../validations/get-subscription-attributes';

export function getSubscriptionAttributes(state: SnsState, input: GetSubscriptionAttributesInput): { Attributes: Record<string, string> } {
  const subscription = state.subscriptions.find((candidate) => candidate.arn === input.SubscriptionArn);
  if (!subscription) throw new SnsError('NotFound', 'Subscription does not exist', 404);
  return {
    Attributes: {
      SubscriptionArn: subscription.arn,
      TopicArn: subscription.topicArn,
      Owner: state.account,
      Protocol: subscription.protocol,
      Endpoint: subscription.endpoint,
      ConfirmationWasAuthenticated: 'true',
      PendingConfirmation: 'false',
      RawMessageDelivery: String(subscription.rawMessageDelivery),
      ...(subscription.filterPolicy !== undefined
        ? { FilterPolicy: JSON.stringify(subscription.filterPolicy), FilterPolicyScope: subscription.filterPolicyScope }
        : {}),
      ...(subscription.deadLetterArn !== undefined ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: subscription.deadLetterArn }) } : {}),
    },
  };
}
