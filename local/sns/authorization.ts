import { authorization, type AuthorizationTable } from '../protocol/authorization';
import type { SNS_OPERATIONS } from './operations';
import type { SnsState } from './state';

const TOPIC = 'topic';

const onTopic = <Input>(action: string, topicOf: (input: Input) => string) =>
  authorization<SnsState, Input>([{ action, resourceType: TOPIC }], (input) => [{ action, resource: topicOf(input) }]);

const onAccount = (action: string) => authorization<SnsState, unknown>([{ action, resourceType: '*' }], () => [{ action, resource: '*' }]);

/**
 * The permission each SNS operation needs, from the Service Authorization Reference. PublishBatch has no action of
 * its own: it is authorized as sns:Publish.
 */
export const SNS_AUTHORIZATION = {
  Publish: onTopic('sns:Publish', (input: { topicArn: string }) => input.topicArn),
  PublishBatch: onTopic('sns:Publish', (input: { topicArn: string }) => input.topicArn),
  ListTopics: onAccount('sns:ListTopics'),
  ListSubscriptions: onAccount('sns:ListSubscriptions'),
  ListSubscriptionsByTopic: onTopic('sns:ListSubscriptionsByTopic', (input: { TopicArn: string }) => input.TopicArn),
  GetTopicAttributes: onTopic('sns:GetTopicAttributes', (input: { TopicArn: string }) => input.TopicArn),
  // A subscription is authorized on its topic, whose ARN its own extends by `:<id>`.
  GetSubscriptionAttributes: onTopic('sns:GetSubscriptionAttributes', (input: { SubscriptionArn: string }) => input.SubscriptionArn.replace(/:[^:]*$/, '')),
} satisfies AuthorizationTable<SnsState, typeof SNS_OPERATIONS>;
