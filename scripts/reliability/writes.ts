import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { AwsClients } from '../../support/aws-clients';
import { stackNames } from '../../support/stack-names';
import type { UserItem } from '../../support/users';
import { waitFor } from '../../support/waiting';
import { userCreatedEntry } from './users';

/** How long a write keeps being retried: long enough to ride out a kill and a restart. */
const WRITE_DEADLINE_MS = 120_000;

/**
 * Sends until the endpoint answers. A write whose response was lost in a crash may have happened, so every
 * write here is safe to repeat: the same item, a conditional update, a delete, an event with fixed ids.
 */
async function untilAnswered<T>(clients: AwsClients, what: string, send: () => Promise<T>): Promise<T> {
  let attempts = 0;
  let lastError: Error | undefined;
  const answer = await waitFor(
    `the endpoint to answer ${what}`,
    async () => {
      attempts++;
      await clients.whenReady();
      try {
        return { value: await send() };
      } catch (error) {
        if (!isUnreachable(error)) throw error;
        lastError = error as Error;
        return undefined;
      }
    },
    { timeoutMs: WRITE_DEADLINE_MS, intervalMs: 200, lastSeen: () => `${attempts} attempts, the last failing with ${lastError?.message}` },
  );
  return answer.value;
}

/** The runtime is down or restarting: connection refused or reset, or a response cut off. */
function isUnreachable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  const name = (error as Error).name;
  return name === 'TimeoutError' || /socket hang up|ECONNRESET|ECONNREFUSED|aborted/i.test((error as Error).message ?? '');
}

export async function insertUser(clients: AwsClients, item: UserItem): Promise<void> {
  await untilAnswered(clients, `insert ${item.userId.S}`, () => clients.dynamodb.send(new PutItemCommand({ TableName: stackNames().usersTable, Item: item })));
}

/** Conditional, so repeating it after the user was deleted cannot re-create the user (a second INSERT). */
export async function renameUser(clients: AwsClients, userId: string, givenName: string): Promise<void> {
  try {
    await untilAnswered(clients, `modify ${userId}`, () =>
      clients.dynamodb.send(
        new UpdateItemCommand({
          TableName: stackNames().usersTable,
          Key: { userId: { S: userId } },
          UpdateExpression: 'SET givenName = :g',
          ConditionExpression: 'attribute_exists(userId)',
          ExpressionAttributeValues: { ':g': { S: givenName } },
        }),
      ),
    );
  } catch (error) {
    if ((error as Error).name === 'ConditionalCheckFailedException') return;
    throw error;
  }
}

export async function deleteUser(clients: AwsClients, userId: string): Promise<void> {
  await untilAnswered(clients, `delete ${userId}`, () => clients.dynamodb.send(new DeleteItemCommand({ TableName: stackNames().usersTable, Key: { userId: { S: userId } } })));
}

export async function putUserCreated(clients: AwsClients, userId: string): Promise<void> {
  const result = await untilAnswered(clients, `put-events ${userId}`, () => clients.eventBridge.send(new PutEventsCommand({ Entries: [userCreatedEntry(userId)] })));
  if (result.FailedEntryCount) throw new Error(`put-events ${userId} was refused: ${result.Entries?.[0]?.ErrorMessage}`);
}
