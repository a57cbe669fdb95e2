import { runBatch, type BatchResult } from '../batch-entries';
import type { SqsState } from '../state';
import type { SendMessageBatchInput } from '../validations/send-message-batch';

export function sendMessageBatch(state: SqsState, input: SendMessageBatchInput): BatchResult<Record<string, unknown>> {
  const { engine } = state;
  const queue = engine.queue(input.QueueUrl);
  return runBatch(input.Entries, (entry, id) => {
    const message = engine.send(queue, {
      body: entry.MessageBody,
      delaySeconds: entry.DelaySeconds,
      messageAttributes: entry.MessageAttributes,
      senderId: engine.account,
    });
    return {
      Id: id,
      MessageId: message.messageId,
      MD5OfMessageBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes ? { MD5OfMessageAttributes: message.md5OfMessageAttributes } : {}),
    };
  });
}
