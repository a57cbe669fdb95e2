import type { RequestContext } from '../../protocol/service';
import type { SqsState } from '../state';
import type { SendMessageInput } from '../validations/send-message';

export function sendMessage(state: SqsState, input: SendMessageInput, context: RequestContext): Record<string, unknown> {
  const { engine } = state;
  const message = engine.send(engine.queue(input.QueueUrl), {
    body: input.MessageBody,
    delaySeconds: input.DelaySeconds,
    messageAttributes: input.MessageAttributes,
    senderId: engine.account,
  }, { parent: context.traceParent });
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
  };
}
