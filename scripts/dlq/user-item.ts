import { GetItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { WireStreamRecord } from './stream-batch';

/**
 * The rejected-users queue keeps a record's keys and reason, never its image: the item, with the email and the
 * names, stays in the users table. This reads it there, as it is now (strongly consistent); undefined when the item
 * is gone.
 */
export async function readUserItem(dynamodb: DynamoDBClient, tableName: string, record: WireStreamRecord): Promise<Record<string, AttributeValue> | undefined> {
  const keys = record.dynamodb.Keys;
  if (keys === undefined) throw new Error(`the record ${record.eventID ?? '(no event id)'} has no keys to look its item up by`);
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: tableName, Key: keys as Record<string, AttributeValue>, ConsistentRead: true }));
  return Item;
}

/**
 * The record to replay: as it was written to the queue, with the item as the table holds it now for its new image,
 * so a record an operator fixed in the table replays fixed. Records kept before images were left out carry theirs.
 */
export async function withCurrentImage(dynamodb: DynamoDBClient, tableName: string, record: WireStreamRecord): Promise<WireStreamRecord | undefined> {
  if (record.dynamodb.NewImage !== undefined) return record;
  const item = await readUserItem(dynamodb, tableName, record);
  return item === undefined ? undefined : { ...record, dynamodb: { ...record.dynamodb, NewImage: item } };
}
