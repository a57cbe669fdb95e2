import { GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { Message } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../support/aws-clients';
import { readAllMessages } from '../../support/observers/queues';
import { stackNames, type DeadLetterQueueRole } from '../../support/stack-names';

/** One message at rest in a dead-letter queue (or the rejected-users queue), with the users it holds. */
export interface DeadLetter {
  queue: DeadLetterQueueRole;
  userIds: string[];
  /** Why it is there, when the message says; an SQS redrive carries no reason (the function logged it). */
  error?: string;
  body: unknown;
  receiveCount?: number;
}

interface StreamBatchInfo {
  DDBStreamBatchInfo: { shardId: string; startSequenceNumber: string; endSequenceNumber: string; streamArn: string };
}

/** Reads every dead-letter queue of the stack; pipe DLQ entries are resolved to their users through the stream. */
export async function readDeadLetters(clients: AwsClients): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  for (const [queue, name] of Object.entries(stackNames().deadLetterQueues) as Array<[DeadLetterQueueRole, string]>) {
    for (const message of await readAllMessages(clients.sqs, name)) letters.push(await describe(clients, queue, message));
  }
  return letters;
}

async function describe(clients: AwsClients, queue: DeadLetterQueueRole, message: Message): Promise<DeadLetter> {
  const body = JSON.parse(message.Body ?? 'null') as Record<string, unknown>;
  const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? 0) || undefined;
  const attributeError = message.MessageAttributes?.ERROR_MESSAGE?.StringValue;
  switch (queue) {
    case 'welcomeEmail':
      return { queue, body, receiveCount, userIds: eventUserIds(body), error: attributeError };
    case 'auditLog': {
      // Lambda's on-failure record wraps the event; EventBridge's own DLQ message is the event itself.
      const payload = 'requestPayload' in body ? body.requestPayload : body;
      const response = body.responsePayload as { errorType?: string; errorMessage?: string } | undefined;
      const error = response?.errorMessage ? `${response.errorType}: ${response.errorMessage}` : attributeError;
      return { queue, body, receiveCount, userIds: eventUserIds(payload), error };
    }
    case 'rejectedUsers': {
      // The queue keeps the record's keys and the reason; the image stays in the users table.
      const { reason, record } = body as { reason?: string; record?: { dynamodb?: { Keys?: { userId?: { S?: string } } } } };
      return { queue, body, receiveCount, userIds: [record?.dynamodb?.Keys?.userId?.S ?? ''], error: reason };
    }
    case 'userCreatedPipe':
      return {
        queue,
        body,
        receiveCount,
        userIds: await streamUserIds(clients, body as unknown as StreamBatchInfo),
        error: (body.requestContext as { condition?: string } | undefined)?.condition,
      };
  }
}

function eventUserIds(event: unknown): string[] {
  const userId = (event as { detail?: { data?: { userId?: unknown } } } | undefined)?.detail?.data?.userId;
  return typeof userId === 'string' ? [userId] : [];
}

/** The users of the stream records a pipe DLQ entry points at, read back while the stream retains them. */
async function streamUserIds(clients: AwsClients, info: StreamBatchInfo): Promise<string[]> {
  const { shardId, startSequenceNumber, endSequenceNumber, streamArn } = info.DDBStreamBatchInfo;
  const end = BigInt(endSequenceNumber);
  const userIds: string[] = [];
  let { ShardIterator: iterator } = await clients.streams.send(
    new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: startSequenceNumber }),
  );
  while (iterator) {
    const page = await clients.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
    const records = page.Records ?? [];
    for (const record of records) {
      if (BigInt(record.dynamodb?.SequenceNumber ?? '0') > end) return userIds;
      const userId = record.dynamodb?.Keys?.userId?.S;
      if (userId !== undefined) userIds.push(userId);
    }
    if (records.length === 0) return userIds;
    iterator = page.NextShardIterator;
  }
  return userIds;
}
