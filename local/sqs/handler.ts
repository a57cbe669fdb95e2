import type { JsonServiceHandler, RequestContext } from '../protocol/service';
import { changeMessageVisibility } from './actions/change-message-visibility';
import { deleteMessage } from './actions/delete-message';
import { deleteMessageBatch } from './actions/delete-message-batch';
import { getQueueAttributes } from './actions/get-queue-attributes';
import { getQueueUrl } from './actions/get-queue-url';
import { listMessageMoveTasks } from './actions/list-message-move-tasks';
import { listQueues } from './actions/list-queues';
import { purgeQueue } from './actions/purge-queue';
import { receiveMessage } from './actions/receive-message';
import { sendMessage } from './actions/send-message';
import { sendMessageBatch } from './actions/send-message-batch';
import { startMessageMoveTask } from './actions/start-message-move-task';
import type { SqsEngine } from './engine';
import { invalidAction } from './errors';
import type { Input } from './validation';

type Action = (engine: SqsEngine, input: Input, context: RequestContext, endpoint: string) => unknown;

const ACTIONS: Record<string, Action> = {
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  GetQueueUrl: getQueueUrl,
  GetQueueAttributes: getQueueAttributes,
  ListQueues: listQueues,
  PurgeQueue: purgeQueue,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
};

/** The AmazonSQS JSON protocol (`X-Amz-Target: AmazonSQS.<Action>`), as SDK v3 and recent AWS CLI speak it. */
export function sqsJsonHandler(engine: SqsEngine, endpoint: string): JsonServiceHandler {
  return {
    targetPrefixes: ['AmazonSQS'],
    handle(operation, input, context) {
      const action = Object.hasOwn(ACTIONS, operation) ? ACTIONS[operation] : undefined;
      if (!action) throw invalidAction(operation);
      return action(engine, input ?? {}, context, endpoint);
    },
  };
}
