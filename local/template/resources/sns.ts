import { SnsSubscriptionModel, TopicModel } from '../../model/types';
import { compileSnsFilterPolicy, InvalidFilterPolicyError } from '../../patterns';
import { arnService, subscriptionArn } from '../arns';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';

/** Topic properties that change behaviour but that the local runtime does not reproduce, and what that means. */
const UNAPPLIED_TOPIC_PROPERTIES: ReadonlyArray<[string, string]> = [
  ['KmsMasterKeyId', 'messages are stored unencrypted and no key permission is checked'],
  ['DataProtectionPolicy', 'messages are not audited, masked or denied'],
  ['DeliveryStatusLogging', 'no delivery status is logged'],
];

/** AWS::SNS::Topic, and the subscriptions its `Subscription` property declares inline. */
export function buildTopic(
  { logicalId, identity, properties }: ResolvedResource,
  context: BuildContext,
): { topic: TopicModel; subscriptions: SnsSubscriptionModel[] } | undefined {
  if (properties.boolean('FifoTopic', false)) {
    context.warn(`${logicalId} (AWS::SNS::Topic): FIFO topics are not run locally; skipped`);
    return undefined;
  }
  for (const [property, effect] of UNAPPLIED_TOPIC_PROPERTIES) {
    if (properties.has(property)) context.warn(`${logicalId} (AWS::SNS::Topic): ${property} is not applied locally; ${effect}`);
  }
  const topic: TopicModel = { logicalId, name: identity.attributes.TopicName, arn: identity.attributes.TopicArn };
  const subscriptions = properties.list('Subscription').flatMap((inline, index) => {
    const id = `${logicalId}.Subscription[${index}]`;
    const built = buildSubscription(id, subscriptionArn(topic.arn, id), topic.arn, inline, context);
    return built ? [built] : [];
  });
  return { topic, subscriptions };
}

/** AWS::SNS::Subscription to an SQS queue or a Lambda function; other protocols are named in a warning. */
export function buildSnsSubscription({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): SnsSubscriptionModel | undefined {
  return buildSubscription(logicalId, identity.ref, properties.string('TopicArn'), properties, context);
}

function buildSubscription(
  logicalId: string,
  arn: string,
  topicArn: string,
  properties: PropertyReader,
  context: BuildContext,
): SnsSubscriptionModel | undefined {
  const where = `${logicalId} (AWS::SNS::Subscription)`;
  const protocol = properties.string('Protocol');
  const endpoint = properties.string('Endpoint');
  if (protocol !== 'sqs' && protocol !== 'lambda') {
    context.warn(`${where}: protocol ${protocol} (${endpoint}) is not delivered locally, only sqs and lambda; skipped`);
    return undefined;
  }
  if (arnService(endpoint) !== protocol) throw new TemplateError(`${where}: Invalid parameter: Endpoint ${endpoint} is not an ARN of protocol ${protocol}`);
  const filterPolicyScope = properties.optionalString('FilterPolicyScope') ?? 'MessageAttributes';
  if (filterPolicyScope !== 'MessageAttributes' && filterPolicyScope !== 'MessageBody') {
    throw new TemplateError(`${where}: FilterPolicyScope must be MessageAttributes or MessageBody, got ${filterPolicyScope}`);
  }
  const subscription: SnsSubscriptionModel = {
    logicalId,
    arn,
    topicArn,
    protocol,
    endpoint,
    rawMessageDelivery: properties.boolean('RawMessageDelivery', false),
    filterPolicyScope,
  };
  if (properties.has('FilterPolicy')) {
    const filterPolicy = properties.json('FilterPolicy');
    try {
      compileSnsFilterPolicy(filterPolicy, filterPolicyScope);
    } catch (error) {
      if (!(error instanceof InvalidFilterPolicyError)) throw error;
      throw new TemplateError(`${where}: ${error.message}`);
    }
    subscription.filterPolicy = filterPolicy;
  }
  const redrive = properties.json('RedrivePolicy') as { deadLetterTargetArn?: unknown } | undefined;
  if (redrive !== undefined) {
    if (typeof redrive.deadLetterTargetArn !== 'string') throw new TemplateError(`${where}: RedrivePolicy needs a deadLetterTargetArn`);
    subscription.deadLetterArn = redrive.deadLetterTargetArn;
  }
  return subscription;
}
