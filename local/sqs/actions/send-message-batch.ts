import { runBatch, type BatchResult } from '../batch-entries';
import type { RequestContext } from '../../protocol/service';
import type { SqsState } from '../state';
import type { SendMessageBatchInput } from '../validations/send-message-batch';

export function sendMessageBatch(state: SqsState, input: SendMessageBatchInput, context: RequestContext): BatchResult<Record<string, unknown>> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  return runBatch(input.Entries, (entry, id) => {
    const message = engine.send(queue, {
      body: entry.MessageBody,
      delaySeconds: entry.DelaySeconds,
      messageAttributes: entry.MessageAttributes,
      senderId: engine.account,
    }, { parent: context.traceParent });
    return {
      Id: id,
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    };
  });
}
