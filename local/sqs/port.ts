import type { SqsPort, SqsReceivedMessage } from '../model/ports';
import { requireAuthorization, type AuthorizationCheck } from '../protocol/authorization';
import { keyChecks, RECEIVE_KEY_PERMISSIONS, SEND_KEY_PERMISSIONS } from './key-permissions';
import type { SqsEngine } from './engine';
import { systemAttributes } from './message-view';
import { checkMessageSize } from './validations/fields';

/**
 * The in-process SqsPort; queues are named by ARN, URL or name, and unknown queues throw QueueDoesNotExist. Each call
 * is authorized for its caller first, with the same action an HTTP request of the operation needs.
 */
export function sqsPort(engine: SqsEngine): SqsPort {
  const check = (action: string, queueArn: string): AuthorizationCheck => ({ action, resource: engine.findQueue(queueArn)?.arn ?? queueArn });
  const withKey = (queueArn: string, permissions: typeof SEND_KEY_PERMISSIONS): AuthorizationCheck[] => {
    const queue = engine.findQueue(queueArn);
    return queue ? keyChecks(queue.arn, queue.model.kmsKeyArn, permissions) : [];
  };
  const sendPermissions = (queueArn: string): AuthorizationCheck[] => [check('sqs:SendMessage', queueArn), ...withKey(queueArn, SEND_KEY_PERMISSIONS)];
  return {
    sendPermissions,
    send(queueArn, input, caller) {
      requireAuthorization(caller, sendPermissions(queueArn));
      const queue = engine.queue(queueArn);
      checkMessageSize(input.body, input.messageAttributes);
      const message = engine.send(
        queue,
        { body: input.body, delaySeconds: input.delaySeconds, messageAttributes: input.messageAttributes, senderId: engine.account },
        input.trace,
      );
      return { messageId: message.messageId, md5OfBody: message.md5OfBody };
    },
    receive(queueArn, max, caller, visibilityTimeoutSeconds) {
      requireAuthorization(caller, [check('sqs:ReceiveMessage', queueArn), ...withKey(queueArn, RECEIVE_KEY_PERMISSIONS)]);
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
    delete(queueArn, receiptHandle, caller) {
      requireAuthorization(caller, [check('sqs:DeleteMessage', queueArn)]);
      engine.deleteMessage(engine.queue(queueArn), receiptHandle);
    },
    changeVisibility(queueArn, receiptHandle, visibilityTimeoutSeconds, caller) {
      requireAuthorization(caller, [check('sqs:ChangeMessageVisibility', queueArn)]);
      engine.changeVisibility(engine.queue(queueArn), receiptHandle, visibilityTimeoutSeconds);
    },
    onAvailable(queueArn, listener) {
      return engine.onAvailable(engine.queue(queueArn), listener);
    },
  };
}
