import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from './audit-record';

export type AuditWriteResult = 'written' | 'duplicate';

/** Append-only: the conditional put never overwrites, so a redelivered event writes nothing new. */
export async function writeAuditRecord(
  documents: DynamoDBDocumentClient,
  tableName: string,
  record: AuditRecord,
): Promise<AuditWriteResult> {
  try {
    await documents.send(
      new PutCommand({ TableName: tableName, Item: record, ConditionExpression: 'attribute_not_exists(eventId)' }),
    );
    return 'written';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}
