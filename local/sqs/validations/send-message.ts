import type { MessageAttributes } from '../types';
import { checkMessageSize, delaySeconds, messageAttributes, messageBody, requiredString } from './fields';

export interface SendMessageInput {
  QueueUrl: string;
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributes;
}

export function validateSendMessage(input: Record<string, unknown>): SendMessageInput {
  const QueueUrl = requiredString(input, 'QueueUrl');
  const MessageBody = messageBody(input);
  const MessageAttributes = messageAttributes(input);
  checkMessageSize(MessageBody, MessageAttributes);
  return { QueueUrl, MessageBody, DelaySeconds: delaySeconds(input), MessageAttributes };
}
