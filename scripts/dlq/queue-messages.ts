import {
  ChangeMessageVisibilityCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';

const MAX_PER_CALL = 10;
/** Long enough to read a whole queue before anything reappears; `list` releases them right after anyway. */
const PEEK_VISIBILITY_SECONDS = 30;
/** A short long-poll: unlike a short poll, it asks every SQS server, so an empty answer means an empty queue. */
const WAIT_SECONDS = 1;

export interface QueueDepth {
  visible: number;
  inFlight: number;
}

export async function queueDepth(sqs: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return { visible: Number(Attributes.ApproximateNumberOfMessages ?? 0), inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) };
}

/** Up to ten visible messages with every attribute, hidden for `visibilitySeconds`. */
export async function receiveMessages(sqs: SQSClient, queueUrl: string, visibilitySeconds: number): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: MAX_PER_CALL,
      VisibilityTimeout: visibilitySeconds,
      WaitTimeSeconds: WAIT_SECONDS,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages;
}

/** Makes received messages visible again at once, so reading them consumed nothing. */
export async function releaseMessages(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  for (const message of messages) {
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 }));
  }
}

/**
 * Reads the queue without consuming it: receives until `expected` messages (or `max`) are seen or the queue
 * answers empty, then makes them all visible again, also when reading fails half-way.
 */
export async function peekMessages(sqs: SQSClient, queueUrl: string, expected: number, max: number): Promise<Message[]> {
  const seen = new Map<string, Message>();
  try {
    while (seen.size < Math.min(expected, max)) {
      const batch = await receiveMessages(sqs, queueUrl, PEEK_VISIBILITY_SECONDS);
      if (batch.length === 0) break;
      for (const message of batch) seen.set(message.MessageId ?? String(seen.size), message);
    }
  } finally {
    await releaseMessages(sqs, queueUrl, [...seen.values()]);
  }
  return [...seen.values()].slice(0, max);
}
