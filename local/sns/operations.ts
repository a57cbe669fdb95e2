import { operation, type OperationTable } from '../protocol/operations';
import { getSubscriptionAttributes } from './actions/get-subscription-attributes';
import { getTopicAttributes } from './actions/get-topic-attributes';
import { listSubscriptions } from './actions/list-subscriptions';
import { listSubscriptionsByTopic } from './actions/list-subscriptions-by-topic';
import { listTopics } from './actions/list-topics';
import { publish } from './actions/publish';
import { publishBatch } from './actions/publish-batch';
import type { SnsState } from './state';
import { validateGetSubscriptionAttributes } from './validations/get-subscription-attributes';
import { validateList } from './validations/list';
import { validatePublish } from './validations/publish';
import { validatePublishBatch } from './validations/publish-batch';
import { validateTopicArn } from './validations/topic-arn';

/** The SNS operations the local runtime answers. Topics and subscriptions come from the template, so CreateTopic, Subscribe and the like are absent. */
export const SNS_OPERATIONS = {
  Publish: operation(validatePublish, publish),
  PublishBatch: operation(validatePublishBatch, publishBatch),
  ListTopics: operation(validateList, listTopics),
  ListSubscriptions: operation(validateList, listSubscriptions),
  ListSubscriptionsByTopic: operation(validateTopicArn, listSubscriptionsByTopic),
  GetTopicAttributes: operation(validateTopicArn, getTopicAttributes),
  GetSubscriptionAttributes: operation(validateGetSubscriptionAttributes, getSubscriptionAttributes),
} satisfies OperationTable<SnsState>;
