import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { stackNames } from '../../support/stack-names';
import { userItem } from '../../support/users';

/** The users a run inserts: each with its own recipient address, so every captured email names its user. */
export interface BenchUser {
  userId: string;
  email: string;
  givenName: string;
  createdAt: string;
}

export function benchUsers(runId: string, count: number): BenchUser[] {
  const createdAt = new Date().toISOString();
  return Array.from({ length: count }, (_unused, index) => ({
    userId: `bench-${runId}-${index}`,
    email: `bench-${runId}-${index}@example.com`,
    givenName: `User${index}`,
    createdAt,
  }));
}

/** The insert the pipeline starts from: one PutItem into the users table (or another), through the DynamoDB endpoint. */
export async function insertUser(dynamodb: DynamoDBClient, user: BenchUser, tableName = stackNames().usersTable): Promise<void> {
  const { userId, email, givenName } = user;
  await dynamodb.send(new PutItemCommand({ TableName: tableName, Item: userItem({ userId, email, givenName }) }));
}
