import type { SqsEngine } from '../engine';
import { checkMessageSize, delaySeconds, messageAttributes, messageBody, requiredString, type Input } from '../validation';

export function sendMessage(engine: SqsEngine, input: Input): Record<string, unknown> {
  const queue = engine.queue(requiredString(input, 'QueueUrl'));
  const body = messageBody(input);
  const attributes = messageAttributes(input);
  checkMessageSize(body, attributes);
  const message = engine.send(queue, { body, delaySeconds: delaySeconds(input), messageAttributes: attributes, senderId: engine.account });
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
  };
}
