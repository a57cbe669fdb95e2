import { paginateScan, QueryCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Audit records per user id, with the time each says it was recorded (epoch ms), read by one full scan. */
export async function readAuditLog(dynamodb: DynamoDBClient, tableName: string): Promise<Map<string, number[]>> {
  const recorded = new Map<string, number[]>();
  const pages = paginateScan({ client: dynamodb }, { TableName: tableName, ProjectionExpression: 'userId, recordedAt' });
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const userId = item.userId?.S;
      const recordedAt = Date.parse(item.recordedAt?.S ?? '');
      if (userId === undefined || Number.isNaN(recordedAt)) throw new Error(`Audit record without userId or recordedAt in ${tableName}`);
      recorded.set(userId, [...(recorded.get(userId) ?? []), recordedAt]);
    }
  }
  return recorded;
}

/** One user's audit records, whole, by the table's partition key. */
export async function auditRecordsOf(dynamodb: DynamoDBClient, tableName: string, userId: string): Promise<Record<string, AttributeValue>[]> {
  const result = await dynamodb.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': { S: userId } } }),
  );
  return result.Items ?? [];
}
