import { ConditionalCheckFailedException, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AuditRecord } from './audit-record';

export type AuditWriteResult = 'written' | 'duplicate';

/**
 * Append-only: the conditional put never overwrites, so a redelivered event writes nothing new. Marshalled here
 * rather than through the document client, which refuses the `cacheMiddleware` option every service client uses.
 */
export async function writeAuditRecord(dynamodb: DynamoDBClient, tableName: string, record: AuditRecord): Promise<AuditWriteResult> {
  try {
    await dynamodb.send(
      new PutItemCommand({ TableName: tableName, Item: marshall(record), ConditionExpression: 'attribute_not_exists(eventId)' }),
    );
    return 'written';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}
