import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message } from '@aws-sdk/client-sqs';
import type { AwsClients } from './clients';
import { AUDIT_TABLE } from './names';
import { userIdOfEmail } from './users';

/** When each user's welcome emails were captured (epoch ms, in order), from the local SES's inspection API. */
export async function mailTimesByUser(endpoint: string): Promise<Map<string, number[]>> {
  const response = await fetch(`${endpoint}/_aws/ses`);
  if (!response.ok) throw new Error(`GET ${endpoint}/_aws/ses answered ${response.status}`);
  const { messages } = (await response.json()) as { messages: Array<{ Destination: { ToAddresses: string[] }; Timestamp: string }> };
  const times = new Map<string, number[]>();
  for (const message of messages) {
    for (const address of message.Destination.ToAddresses) {
      const userId = userIdOfEmail(address);
      if (userId !== undefined) times.set(userId, [...(times.get(userId) ?? []), Date.parse(message.Timestamp)].sort((a, b) => a - b));
    }
  }
  return times;
}

/** Audit records per user id: a full scan of the audit table. */
export async function auditCountsByUser(clients: AwsClients): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await clients.dynamodb.send(new ScanCommand({ TableName: AUDIT_TABLE, ProjectionExpression: 'userId', ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      const userId = item.userId?.S;
      if (userId !== undefined) counts.set(userId, (counts.get(userId) ?? 0) + 1);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return counts;
}

export async function queueUrl(clients: AwsClients, queueName: string): Promise<string> {
  const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`Queue ${queueName} has no URL`);
  return QueueUrl;
}

/** Messages in the queue: visible, in flight and delayed. Reading attributes receives nothing. */
export async function queueDepth(clients: AwsClients, queueName: string): Promise<number> {
  const { Attributes = {} } = await clients.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: await queueUrl(clients, queueName),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
}

/**
 * Every message of a queue, received once with a visibility timeout long enough to read the whole queue.
 * They stay on the queue and are visible again afterwards, so an operator still finds them.
 */
export async function readAllMessages(clients: AwsClients, queueName: string, visibilitySeconds = 60): Promise<Message[]> {
  const url = await queueUrl(clients, queueName);
  const messages: Message[] = [];
  for (;;) {
    const { Messages = [] } = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: visibilitySeconds,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return messages;
    messages.push(...Messages);
  }
}
