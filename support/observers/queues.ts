import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { waitFor } from '../waiting';

export async function queueUrl(sqs: SQSClient, queueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`Queue ${queueName} has no URL`);
  return QueueUrl;
}

/** Messages in the queue: visible, in flight and delayed. Reading attributes receives nothing. */
export async function queueDepth(sqs: SQSClient, queueName: string): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: await queueUrl(sqs, queueName),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
    }),
  );
  return Object.values(Attributes).reduce((sum, value) => sum + Number(value), 0);
}

/**
 * Every message of a queue, received once with a visibility timeout long enough to read the whole queue.
 * They stay on the queue and are visible again afterwards, so an operator still finds them.
 */
export async function readAllMessages(sqs: SQSClient, queueName: string, visibilitySeconds = 60): Promise<Message[]> {
  const url = await queueUrl(sqs, queueName);
  const messages: Message[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
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

/**
 * Receives from a queue until at least `atLeast` messages have arrived, and returns them (they stay on the queue,
 * invisible for its visibility timeout). Short polls only: a long poll would wait on a test's manual clock.
 */
export async function receiveAtLeast(sqs: SQSClient, queueName: string, atLeast: number): Promise<Message[]> {
  const url = await queueUrl(sqs, queueName);
  const received: Message[] = [];
  await waitFor(`${atLeast} message(s) on ${queueName}`, async () => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }));
    received.push(...Messages);
    return received.length >= atLeast;
  });
  return received;
}
