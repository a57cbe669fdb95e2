import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import type { _Record } from '@aws-sdk/client-dynamodb-streams';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../support/local-dynamodb';
import { readAllRecords } from './stream-reader';

type Item = Record<string, AttributeValue>;

const key = (id: string): Item => ({ userId: { S: id } });
const v1 = (id: string): Item => ({ ...key(id), email: { S: `${id}@example.com` }, interests: { SS: ['chess', 'go'] } });
const v2 = (id: string): Item => ({ ...v1(id), givenName: { S: 'Ada' } });

/** The parts of a record that depend on the view type. */
function images(record: _Record) {
  const { Keys, NewImage, OldImage, StreamViewType } = record.dynamodb ?? {};
  return { eventName: record.eventName, Keys, NewImage, OldImage, StreamViewType };
}

describe('stream capture', () => {
  let local: LocalDynamoDb;
  beforeEach(async () => (local = await startLocalDynamoDb()));
  afterEach(() => local.close());

  const put = (table: string, item: Item, condition?: string) =>
    local.dynamo.send(new PutItemCommand({ TableName: table, Item: item, ConditionExpression: condition }));
  const setGivenName = (table: string, id: string) =>
    local.dynamo.send(
      new UpdateItemCommand({
        TableName: table,
        Key: key(id),
        UpdateExpression: 'SET givenName = :name',
        ExpressionAttributeValues: { ':name': { S: 'Ada' } },
      }),
    );
  const remove = (table: string, id: string) => local.dynamo.send(new DeleteItemCommand({ TableName: table, Key: key(id) }));

  async function insertModifyRemove(table: string): Promise<_Record[]> {
    await put(table, v1('u-1'));
    await setGivenName(table, 'u-1');
    await remove(table, 'u-1');
    return readAllRecords(local, table);
  }

  it('records INSERT, MODIFY and REMOVE with both images for NEW_AND_OLD_IMAGES', async () => {
    const records = await insertModifyRemove('users');
    expect(records.map(images)).toEqual([
      { eventName: 'INSERT', Keys: key('u-1'), NewImage: v1('u-1'), OldImage: undefined, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      { eventName: 'MODIFY', Keys: key('u-1'), NewImage: v2('u-1'), OldImage: v1('u-1'), StreamViewType: 'NEW_AND_OLD_IMAGES' },
      { eventName: 'REMOVE', Keys: key('u-1'), NewImage: undefined, OldImage: v2('u-1'), StreamViewType: 'NEW_AND_OLD_IMAGES' },
    ]);
    for (const record of records) {
      expect(record).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1' });
      expect(record.eventID).toMatch(/^[0-9a-f]{32}$/);
      expect(record.dynamodb?.SizeBytes).toBeGreaterThan(0);
      expect(Math.abs((record.dynamodb?.ApproximateCreationDateTime as Date).getTime() - Date.now())).toBeLessThan(60_000);
    }
  });

  it('records only new images for NEW_IMAGE', async () => {
    expect((await insertModifyRemove('new-image')).map(images)).toEqual([
      { eventName: 'INSERT', Keys: key('u-1'), NewImage: v1('u-1'), OldImage: undefined, StreamViewType: 'NEW_IMAGE' },
      { eventName: 'MODIFY', Keys: key('u-1'), NewImage: v2('u-1'), OldImage: undefined, StreamViewType: 'NEW_IMAGE' },
      { eventName: 'REMOVE', Keys: key('u-1'), NewImage: undefined, OldImage: undefined, StreamViewType: 'NEW_IMAGE' },
    ]);
  });

  it('records only old images for OLD_IMAGE', async () => {
    expect((await insertModifyRemove('old-image')).map(images)).toEqual([
      { eventName: 'INSERT', Keys: key('u-1'), NewImage: undefined, OldImage: undefined, StreamViewType: 'OLD_IMAGE' },
      { eventName: 'MODIFY', Keys: key('u-1'), NewImage: undefined, OldImage: v1('u-1'), StreamViewType: 'OLD_IMAGE' },
      { eventName: 'REMOVE', Keys: key('u-1'), NewImage: undefined, OldImage: v2('u-1'), StreamViewType: 'OLD_IMAGE' },
    ]);
  });

  it('records only keys for KEYS_ONLY', async () => {
    expect((await insertModifyRemove('keys-only')).map(images)).toEqual(
      ['INSERT', 'MODIFY', 'REMOVE'].map((eventName) => ({
        eventName,
        Keys: key('u-1'),
        NewImage: undefined,
        OldImage: undefined,
        StreamViewType: 'KEYS_ONLY',
      })),
    );
  });

  it('records nothing for writes that change nothing', async () => {
    await put('users', v1('u-1'));
    await remove('users', 'never-existed');
    await put('users', { ...v1('u-1'), interests: { SS: ['go', 'chess'] } });
    await expect(put('users', v2('u-1'), 'attribute_not_exists(userId)')).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
    });
    await local.dynamo.send(
      new UpdateItemCommand({
        TableName: 'users',
        Key: key('u-1'),
        UpdateExpression: 'SET email = :same',
        ExpressionAttributeValues: { ':same': { S: 'u-1@example.com' } },
      }),
    );
    expect((await readAllRecords(local, 'users')).map((record) => record.eventName)).toEqual(['INSERT']);
  });

  it('records nothing for tables without a stream, and keeps streams apart', async () => {
    await put('audit', { userId: { S: 'a' }, eventId: { S: 'e' } });
    await put('keys-only', key('k'));
    expect(await readAllRecords(local, 'users')).toEqual([]);
    expect(await readAllRecords(local, 'keys-only')).toHaveLength(1);
  });

  it('records each put and delete of a BatchWriteItem', async () => {
    await put('users', v1('gone'));
    await local.dynamo.send(
      new BatchWriteItemCommand({
        RequestItems: {
          users: [
            { PutRequest: { Item: v1('b-1') } },
            { PutRequest: { Item: v1('b-2') } },
            { DeleteRequest: { Key: key('gone') } },
            { DeleteRequest: { Key: key('absent') } },
          ],
          'keys-only': [{ PutRequest: { Item: key('b-3') } }],
        },
      }),
    );
    const records = (await readAllRecords(local, 'users')).slice(1).map((record) => `${record.eventName} ${record.dynamodb?.Keys?.userId.S}`);
    expect(records.sort()).toEqual(['INSERT b-1', 'INSERT b-2', 'REMOVE gone']);
    expect((await readAllRecords(local, 'keys-only')).map((record) => record.eventName)).toEqual(['INSERT']);
  });

  it('records the writes of a transaction, and none of a cancelled one', async () => {
    await put('users', v1('t-old'));
    await local.dynamo.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: 'users', Item: v1('t-new') } },
          { Delete: { TableName: 'users', Key: key('t-old') } },
          { ConditionCheck: { TableName: 'users', Key: key('t-new-2'), ConditionExpression: 'attribute_not_exists(userId)' } },
        ],
      }),
    );
    await expect(
      local.dynamo.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'users', Item: v1('t-cancelled') } },
            { Put: { TableName: 'users', Item: v2('t-new'), ConditionExpression: 'attribute_not_exists(userId)' } },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    const records = (await readAllRecords(local, 'users')).map((record) => `${record.eventName} ${record.dynamodb?.Keys?.userId.S}`);
    expect(records).toEqual(['INSERT t-old', 'INSERT t-new', 'REMOVE t-old']);
  });

  it('gives concurrent writes strictly increasing sequence numbers and chained images', async () => {
    await put('users', { ...key('counter'), count: { N: '0' } });
    await Promise.all(
      Array.from({ length: 40 }, () =>
        local.dynamo.send(
          new UpdateItemCommand({
            TableName: 'users',
            Key: key('counter'),
            UpdateExpression: 'ADD #count :one',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':one': { N: '1' } },
          }),
        ),
      ),
    );
    const records = await readAllRecords(local, 'users');
    expect(records).toHaveLength(41);
    const sequenceNumbers = records.map((record) => record.dynamodb?.SequenceNumber as string);
    expect(sequenceNumbers.every((sequenceNumber) => /^\d{21}$/.test(sequenceNumber))).toBe(true);
    expect([...sequenceNumbers].sort()).toEqual(sequenceNumbers);
    expect(new Set(sequenceNumbers).size).toBe(41);
    expect(new Set(records.map((record) => record.eventID)).size).toBe(41);
    records.slice(1).forEach((record, index) => {
      expect(record.dynamodb?.OldImage?.count).toEqual({ N: String(index) });
      expect(record.dynamodb?.NewImage?.count).toEqual({ N: String(index + 1) });
    });
  });
});
