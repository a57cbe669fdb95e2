import { QueueModel } from '../../model/types';
import { TemplateError } from '../cfn-types';
import { BuildContext, ResolvedResource } from './build-context';

/** AWS defaults for properties a queue leaves out. */
export const QUEUE_DEFAULTS = {
  visibilityTimeoutSeconds: 30,
  messageRetentionSeconds: 345_600,
  delaySeconds: 0,
  receiveMessageWaitTimeSeconds: 0,
  /** SQS encrypts new queues with its own keys unless a KMS key is given or the template turns it off. */
  sqsManagedSseEnabled: true,
  kmsDataKeyReusePeriodSeconds: 300,
};

export function buildQueue({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): QueueModel {
  if (properties.has('KmsMasterKeyId')) {
    context.warn(`${logicalId} (AWS::SQS::Queue): KmsMasterKeyId: messages are stored unencrypted locally; who may use the key is checked as SQS checks it`);
  }
  const queue: QueueModel = {
    logicalId,
    name: identity.attributes.QueueName,
    arn: identity.attributes.Arn,
    url: identity.attributes.QueueUrl,
    visibilityTimeoutSeconds: properties.number('VisibilityTimeout', QUEUE_DEFAULTS.visibilityTimeoutSeconds),
    messageRetentionSeconds: properties.number('MessageRetentionPeriod', QUEUE_DEFAULTS.messageRetentionSeconds),
    delaySeconds: properties.number('DelaySeconds', QUEUE_DEFAULTS.delaySeconds),
    receiveMessageWaitTimeSeconds: properties.number(
      'ReceiveMessageWaitTimeSeconds',
      QUEUE_DEFAULTS.receiveMessageWaitTimeSeconds,
    ),
    sqsManagedSseEnabled: false,
  };
  const kmsMasterKeyId = properties.optionalString('KmsMasterKeyId');
  if (kmsMasterKeyId !== undefined) {
    queue.kmsMasterKeyId = kmsMasterKeyId;
    queue.kmsDataKeyReusePeriodSeconds = properties.number('KmsDataKeyReusePeriodSeconds', QUEUE_DEFAULTS.kmsDataKeyReusePeriodSeconds);
  } else {
    queue.sqsManagedSseEnabled = properties.boolean('SqsManagedSseEnabled', QUEUE_DEFAULTS.sqsManagedSseEnabled);
  }
  const redrive = properties.json('RedrivePolicy') as Record<string, unknown> | undefined;
  if (redrive !== undefined) {
    const deadLetterTargetArn = redrive.deadLetterTargetArn;
    const maxReceiveCount = Number(redrive.maxReceiveCount);
    if (typeof deadLetterTargetArn !== 'string' || !Number.isInteger(maxReceiveCount) || maxReceiveCount < 1) {
      throw new TemplateError(`${logicalId}: RedrivePolicy needs deadLetterTargetArn and a positive maxReceiveCount`);
    }
    queue.redrivePolicy = { deadLetterTargetArn, maxReceiveCount };
  }
  return queue;
}
