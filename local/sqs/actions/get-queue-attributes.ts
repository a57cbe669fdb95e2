import type { SqsEngine } from '../engine';
import { invalidAttributeName } from '../errors';
import { MAX_MESSAGE_BYTES } from '../limits';
import type { Queue } from '../queue';
import type { SqsState } from '../state';
import type { GetQueueAttributesInput } from '../validations/get-queue-attributes';

export function getQueueAttributes(state: SqsState, input: GetQueueAttributesInput): Record<string, unknown> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  const requested = input.AttributeNames;
  const all = queueAttributes(engine, queue);
  const known = new Set([...Object.keys(all), 'All', 'Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'FifoQueue', 'ContentBasedDeduplication', 'RedriveAllowPolicy', 'DeduplicationScope', 'FifoThroughputLimit']);
  for (const name of requested) if (!known.has(name)) throw invalidAttributeName(name);
  const selected = requested.includes('All') ? all : Object.fromEntries(Object.entries(all).filter(([name]) => requested.includes(name)));
  return Object.keys(selected).length > 0 ? { Attributes: selected } : {};
}

function queueAttributes(engine: SqsEngine, queue: Queue): Record<string, string> {
  const counts = queue.counts();
  const model = queue.model;
  const created = String(Math.floor(engine.createdTimestamp / 1000));
  return {
    QueueArn: model.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: created,
    LastModifiedTimestamp: created,
    VisibilityTimeout: String(model.visibilityTimeoutSeconds),
    MaximumMessageSize: String(MAX_MESSAGE_BYTES),
    MessageRetentionPeriod: String(model.messageRetentionSeconds),
    DelaySeconds: String(model.delaySeconds),
    ReceiveMessageWaitTimeSeconds: String(model.receiveMessageWaitTimeSeconds),
    ...(model.redrivePolicy
      ? { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: model.redrivePolicy.deadLetterTargetArn, maxReceiveCount: model.redrivePolicy.maxReceiveCount }) }
      : {}),
    SqsManagedSseEnabled: String(model.sqsManagedSseEnabled),
    ...(model.kmsMasterKeyId !== undefined
      ? { KmsMasterKeyId: model.kmsMasterKeyId, KmsDataKeyReusePeriodSeconds: String(model.kmsDataKeyReusePeriodSeconds) }
      : {}),
  };
}
