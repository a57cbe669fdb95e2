import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, PutItemCommand, type StreamSpecification } from '@aws-sdk/client-dynamodb';
import { ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { startLocalDynamoDb, type LocalDynamoDb } from '../../../support/local-dynamodb';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { ManualClock } from '../../../support/manual-clock';
import { readAllRecords } from './stream-reader';

const CREATED_AT = Date.UTC(2026, 2, 14, 9, 30, 15, 250);

const createTable = (local: LocalDynamoDb, name: string, stream?: StreamSpecification) =>
  local.dynamo.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      ...(stream && { StreamSpecification: stream }),
    }),
  );
const put = (local: LocalDynamoDb, table: string, id: string) =>
  local.dynamo.send(new PutItemCommand({ TableName: table, Item: { id: { S: id }, note: { S: `note of ${id}` } } }));

describe('a table created through CreateTable with a StreamSpecification', () => {
  let local: LocalDynamoDb | undefined;
  afterEach(async () => {
    await local?.close();
    local = undefined;
  });

  it('gets its stream, labelled with its creation time, which captures its writes in the view type asked for', async () => {
    local = await startLocalDynamoDb({ clock: new ManualClock(CREATED_AT) });
    const { TableDescription } = await createTable(local, 'orders', { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    const label = '2026-03-14T09:30:15.250';
    expect(TableDescription).toMatchObject({
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      LatestStreamLabel: label,
      LatestStreamArn: `arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/${label}`,
    });
    const described = await local.dynamo.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(described.Table?.LatestStreamArn).toBe(TableDescription?.LatestStreamArn);
    const listed = await local.dynamoStreams.send(new ListStreamsCommand({ TableName: 'orders' }));
    expect(listed.Streams).toEqual([{ StreamArn: TableDescription?.LatestStreamArn, TableName: 'orders', StreamLabel: label }]);

    await put(local, 'orders', 'o-1');
    const [record] = await readAllRecords(local, 'orders');
    expect(record).toMatchObject({ eventName: 'INSERT', dynamodb: { Keys: { id: { S: 'o-1' } }, NewImage: { note: { S: 'note of o-1' } } } });
    expect(record.dynamodb?.OldImage).toBeUndefined();
  });

  it('keeps its stream and its records across a restart, and goes on capturing', async () => {
    const dataDir = temporaryDirectory('created-streams-');
    local = await startLocalDynamoDb({ dataDir, clock: new ManualClock(CREATED_AT) });
    const { TableDescription } = await createTable(local, 'orders', { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    await put(local, 'orders', 'before');
    await local.close();
    local = await startLocalDynamoDb({ dataDir, clock: new ManualClock(CREATED_AT + 60_000) });
    const described = await local.dynamo.send(new DescribeTableCommand({ TableName: 'orders' }));
    expect(described.Table?.LatestStreamArn).toBe(TableDescription?.LatestStreamArn);
    await put(local, 'orders', 'after');
    expect((await readAllRecords(local, 'orders')).map((record) => record.dynamodb?.Keys?.id.S)).toEqual(['before', 'after']);
  });

  it('has no stream when StreamEnabled is false, and loses it when the table is deleted', async () => {
    local = await startLocalDynamoDb({ clock: new ManualClock(CREATED_AT) });
    const withoutStream = await createTable(local, 'plain', { StreamEnabled: false });
    expect(withoutStream.TableDescription?.LatestStreamArn).toBeUndefined();

    await createTable(local, 'orders', { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
    await local.dynamo.send(new DeleteTableCommand({ TableName: 'orders' }));
    await createTable(local, 'orders');
    expect((await local.dynamo.send(new DescribeTableCommand({ TableName: 'orders' }))).Table?.LatestStreamArn).toBeUndefined();
    // Writes to the new table, which has no stream, succeed and are captured nowhere.
    await put(local, 'orders', 'o-2');
  });

  it.each([
    [{ StreamEnabled: true }, 'StreamSpecification: StreamViewType is required when StreamEnabled is true'],
    [
      // Sent as a client would send a value its SDK does not know.
      { StreamEnabled: true, StreamViewType: 'EVERYTHING' as StreamSpecification['StreamViewType'] },
      "1 validation error detected: Value 'EVERYTHING' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]",
    ],
  ])('refuses a StreamSpecification of %j', async (stream, message) => {
    local = await startLocalDynamoDb({ clock: new ManualClock(CREATED_AT) });
    await expect(createTable(local, 'orders', stream)).rejects.toMatchObject({ name: 'ValidationException', message });
  });
});
