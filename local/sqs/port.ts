import type { SqsPort, SqsReceivedMessage } from '../model/ports';
import type { SqsEngine } from './engine';
import { systemAttributes } from './message-view';
import { checkMessageSize } from './validations/fields';

/** The in-process SqsPort; queues are named by ARN, URL or name, and unknown queues throw QueueDoesNotExist. */
export function sqsPort(engine: SqsEngine): SqsPort {
  return {
    send(queueArn, input) {
      const queue = engine.queue(queueArn);
      checkMessageSize(input.body, input.messageAttributes);
      const message = engine.send(
        queue,
        { body: input.body, delaySeconds: input.delaySeconds, messageAttributes: input.messageAttributes, senderId: engine.account },
        input.trace,
      );
      return { messageId: message.messageId, md5OfBody: message.md5OfBody };
    },
    receive(queueArn, max, visibilityTimeoutSeconds) {
      return engine.receive(engine.queue(queueArn), max, visibilityTimeoutSeconds).map(
        (message): SqsReceivedMessage => {
          const attributes = systemAttributes(message);
          return {
            messageId: message.messageId,
            receiptHandle: message.receiptHandle as string,
            body: message.body,
            md5OfBody: message.md5OfBody,
            attributes: {
              ApproximateReceiveCount: attributes.ApproximateReceiveCount,
              SentTimestamp: attributes.SentTimestamp,
              ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp,
              SenderId: attributes.SenderId,
            },
            ...(message.messageAttributes ? { messageAttributes: message.messageAttributes } : {}),
            ...(message.traceSpan ? { traceSpan: message.traceSpan } : {}),
          };
        },
      );
    },
    delete(queueArn, receiptHandle) {
      engine.deleteMessage(engine.queue(queueArn), receiptHandle);
    },
    changeVisibility(queueArn, receiptHandle, visibilityTimeoutSeconds) {
      engine.changeVisibility(engine.queue(queueArn), receiptHandle, visibilityTimeoutSeconds);
    },
    onAvailable(queueArn, listener) {
      return engine.onAvailable(engine.queue(queueArn), listener);
    },
  };
}
