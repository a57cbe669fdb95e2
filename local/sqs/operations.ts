import { operation, type OperationTable } from '../protocol/operations';
import { changeMessageVisibility } from './actions/change-message-visibility';
import { changeMessageVisibilityBatch } from './actions/change-message-visibility-batch';
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
import type { SqsState } from './state';
import { validateChangeMessageVisibility } from './validations/change-message-visibility';
import { validateChangeMessageVisibilityBatch } from './validations/change-message-visibility-batch';
import { validateDeleteMessage } from './validations/delete-message';
import { validateDeleteMessageBatch } from './validations/delete-message-batch';
import { validateGetQueueAttributes } from './validations/get-queue-attributes';
import { validateGetQueueUrl } from './validations/get-queue-url';
import { validateListMessageMoveTasks } from './validations/list-message-move-tasks';
import { validateListQueues } from './validations/list-queues';
import { validatePurgeQueue } from './validations/purge-queue';
import { validateReceiveMessage } from './validations/receive-message';
import { validateSendMessage } from './validations/send-message';
import { validateSendMessageBatch } from './validations/send-message-batch';
import { validateStartMessageMoveTask } from './validations/start-message-move-task';

/** The SQS operations the local runtime answers. Queues come from the template, so CreateQueue and the like are absent. */
export const SQS_OPERATIONS = {
  SendMessage: operation(validateSendMessage, sendMessage),
  SendMessageBatch: operation(validateSendMessageBatch, sendMessageBatch),
  ReceiveMessage: operation(validateReceiveMessage, receiveMessage),
  DeleteMessage: operation(validateDeleteMessage, deleteMessage),
  DeleteMessageBatch: operation(validateDeleteMessageBatch, deleteMessageBatch),
  ChangeMessageVisibility: operation(validateChangeMessageVisibility, changeMessageVisibility),
  ChangeMessageVisibilityBatch: operation(validateChangeMessageVisibilityBatch, changeMessageVisibilityBatch),
  GetQueueUrl: operation(validateGetQueueUrl, getQueueUrl),
  GetQueueAttributes: operation(validateGetQueueAttributes, getQueueAttributes),
  ListQueues: operation(validateListQueues, listQueues),
  PurgeQueue: operation(validatePurgeQueue, purgeQueue),
  StartMessageMoveTask: operation(validateStartMessageMoveTask, startMessageMoveTask),
  ListMessageMoveTasks: operation(validateListMessageMoveTasks, listMessageMoveTasks),
} satisfies OperationTable<SqsState>;
