import { paginateScan } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Audit records per user id, with the time each says it was recorded (epoch ms), read by a full scan. */
export async function readAuditRecords(dynamodb: DynamoDBClient, tableName: string): Promise<Map<string, number[]>> {
  const recorded = new Map<string, number[]>();
  const pages = paginateScan(
    { client: dynamodb },
    { TableName: tableName, ProjectionExpression: 'userId, recordedAt' },
  );
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
