import { authorization, type AuthorizationCheck, type AuthorizationTable } from '../protocol/authorization';
import type { RequestContext } from '../protocol/service';
import { queueArn } from '../template/arns';
import { keyChecks, RECEIVE_KEY_PERMISSIONS, SEND_KEY_PERMISSIONS } from './key-permissions';
import type { SQS_OPERATIONS } from './operations';
import type { SqsState } from './state';

const QUEUE = 'queue';

/** The ARN of the queue a request names by URL, by ARN or by name, whether the runtime has it or not. */
export function queueArnOf(state: SqsState, reference: string, context: RequestContext): string {
  const known = state.engine.findQueue(reference);
  if (known) return known.model.arn;
  if (reference.startsWith('arn:')) return reference;
  const segments = reference.replace(/^https?:\/\/[^/]+/, '').split('/').filter((segment) => segment !== '');
  const name = segments[segments.length - 1] ?? reference;
  const account = segments.length > 1 ? (segments[segments.length - 2] as string) : context.account;
  return queueArn({ region: context.region, account }, name);
}

const onQueue =
  (action: string) =>
  (input: { QueueUrl: string }, state: SqsState, context: RequestContext): AuthorizationCheck[] => [{ action, resource: queueArnOf(state, input.QueueUrl, context) }];

/** Sends and receives on a queue under a customer managed key also need the key, through SQS. */
const withKey =
  (action: string, keyPermissions: typeof SEND_KEY_PERMISSIONS) =>
  (input: { QueueUrl: string }, state: SqsState, context: RequestContext): AuthorizationCheck[] => {
    const queueArn = queueArnOf(state, input.QueueUrl, context);
    return [{ action, resource: queueArn }, ...keyChecks(queueArn, state.engine.findQueue(input.QueueUrl)?.model.kmsKeyArn, keyPermissions)];
  };

/**
 * The permission each SQS operation needs, from the Service Authorization Reference. The batch operations have no
 * actions of their own: SendMessageBatch is authorized as sqs:SendMessage, and so on.
 */
export const SQS_AUTHORIZATION = {
  SendMessage: authorization([{ action: 'sqs:SendMessage', resourceType: QUEUE }, ...SEND_KEY_PERMISSIONS], withKey('sqs:SendMessage', SEND_KEY_PERMISSIONS)),
  SendMessageBatch: authorization([{ action: 'sqs:SendMessage', resourceType: QUEUE }, ...SEND_KEY_PERMISSIONS], withKey('sqs:SendMessage', SEND_KEY_PERMISSIONS)),
  ReceiveMessage: authorization([{ action: 'sqs:ReceiveMessage', resourceType: QUEUE }, ...RECEIVE_KEY_PERMISSIONS], withKey('sqs:ReceiveMessage', RECEIVE_KEY_PERMISSIONS)),
  DeleteMessage: authorization([{ action: 'sqs:DeleteMessage', resourceType: QUEUE }], onQueue('sqs:DeleteMessage')),
  DeleteMessageBatch: authorization([{ action: 'sqs:DeleteMessage', resourceType: QUEUE }], onQueue('sqs:DeleteMessage')),
  ChangeMessageVisibility: authorization([{ action: 'sqs:ChangeMessageVisibility', resourceType: QUEUE }], onQueue('sqs:ChangeMessageVisibility')),
  ChangeMessageVisibilityBatch: authorization([{ action: 'sqs:ChangeMessageVisibility', resourceType: QUEUE }], onQueue('sqs:ChangeMessageVisibility')),
  GetQueueUrl: authorization([{ action: 'sqs:GetQueueUrl', resourceType: QUEUE }], (input, state, context) => [
    {
      action: 'sqs:GetQueueUrl',
      resource: state.engine.findQueue(input.QueueName)?.model.arn ?? queueArn({ region: context.region, account: input.QueueOwnerAWSAccountId ?? context.account }, input.QueueName),
    },
  ]),
  GetQueueAttributes: authorization([{ action: 'sqs:GetQueueAttributes', resourceType: QUEUE }], onQueue('sqs:GetQueueAttributes')),
  ListQueues: authorization([{ action: 'sqs:ListQueues', resourceType: '*' }], () => [{ action: 'sqs:ListQueues', resource: '*' }]),
  PurgeQueue: authorization([{ action: 'sqs:PurgeQueue', resourceType: QUEUE }], onQueue('sqs:PurgeQueue')),
  // A move task reads and deletes from its source and sends to its destination on the caller's behalf.
  StartMessageMoveTask: authorization(
    [
      { action: 'sqs:StartMessageMoveTask', resourceType: QUEUE },
      { action: 'sqs:ReceiveMessage', resourceType: QUEUE },
      { action: 'sqs:DeleteMessage', resourceType: QUEUE },
      { action: 'sqs:GetQueueAttributes', resourceType: QUEUE },
      { action: 'sqs:SendMessage', resourceType: QUEUE },
    ],
    (input, state, context) => {
      const source = queueArnOf(state, input.SourceArn, context);
      // Without a destination, each message goes back to the queue it came from: every queue that dead-letters here.
      const destinations =
        input.DestinationArn !== undefined
          ? [queueArnOf(state, input.DestinationArn, context)]
          : state.engine.queues().filter((queue) => queue.model.redrivePolicy?.deadLetterTargetArn === source).map((queue) => queue.arn);
      return [
        ...['sqs:StartMessageMoveTask', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'].map((action) => ({ action, resource: source })),
        ...destinations.map((destination) => ({ action: 'sqs:SendMessage', resource: destination })),
      ];
    },
  ),
  ListMessageMoveTasks: authorization([{ action: 'sqs:ListMessageMoveTasks', resourceType: QUEUE }], (input, state, context) => [
    { action: 'sqs:ListMessageMoveTasks', resource: queueArnOf(state, input.SourceArn, context) },
  ]),
} satisfies AuthorizationTable<SqsState, typeof SQS_OPERATIONS>;
