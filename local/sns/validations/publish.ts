import { invalidParameter } from '../errors';
import type { PublishInput } from '../publisher';
import { checkedMessage, optionalString, type Input } from './fields';

/** Publish to a topic; TargetArn (a topic's ARN too) is accepted, phone numbers and mobile endpoints are not served. */
export function validatePublish(input: Input): PublishInput {
  if (input.PhoneNumber !== undefined) throw invalidParameter('PhoneNumber Reason: the local runtime does not send SMS');
  const topicArn = optionalString(input, 'TopicArn') ?? optionalString(input, 'TargetArn');
  if (topicArn === undefined) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  return { topicArn, ...checkedMessage(input) };
}
