import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { systemClock } from '../../../local/clock';
import { DEFAULT_TABLES, startLocalDynamoDb, type LocalDynamoDb } from '../../../support/local-dynamodb';
import { ManualClock } from '../../../support/manual-clock';
import { iteratorFor, shardOf, type StreamShard } from './stream-reader';

const usersStreamArn = DEFAULT_TABLES[0].stream?.arn as string;
const userIds = (records: _Record[] | undefined) => (records ?? []).map((record) => record.dynamodb?.Keys?.userId.S);

describe('the DynamoDB Streams API', () => {
  let local: LocalDynamoDb;
  let clock: number;
  let shard: StreamShard;

  beforeEach(async () => {
    clock = Date.now();
    local = await startLocalDynamoDb({ clock: { ...systemClock, now: () => clock } });
    shard = await shardOf(local, 'users');
  });
  afterEach(() => local.close());

  const insert = async (...ids: string[]) => {
    for (const id of ids) await local.dynamo.send(new PutItemCommand({ TableName: 'users', Item: { userId: { S: id } } }));
  };
  const getRecords = (iterator: string, limit?: number) =>
    local.dynamoStreams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: limit }));

  describe('ListStreams', () => {
    it('lists every stream, or those of one table', async () => {
      const all = await local.dynamoStreams.send(new ListStreamsCommand({}));
      expect(all.Streams?.map((stream) => stream.TableName)).toEqual(['users', 'keys-only', 'new-image', 'old-image']);
      expect(all.LastEvaluatedStreamArn).toBeUndefined();
      const users = await local.dynamoStreams.send(new ListStreamsCommand({ TableName: 'users' }));
      expect(users.Streams).toEqual([{ StreamArn: usersStreamArn, TableName: 'users', StreamLabel: '2026-01-01T00:00:00.000' }]);
      const audit = await local.dynamoStreams.send(new ListStreamsCommand({ TableName: 'audit' }));
      expect(audit.Streams).toEqual([]);
    });

    it('pages with Limit and ExclusiveStartStreamArn', async () => {
      const first = await local.dynamoStreams.send(new ListStreamsCommand({ Limit: 3 }));
      expect(first.Streams?.map((stream) => stream.TableName)).toEqual(['users', 'keys-only', 'new-image']);
      expect(first.LastEvaluatedStreamArn).toBe(first.Streams?.[2].StreamArn);
      const second = await local.dynamoStreams.send(
        new ListStreamsCommand({ Limit: 3, ExclusiveStartStreamArn: first.LastEvaluatedStreamArn }),
      );
      expect(second.Streams?.map((stream) => stream.TableName)).toEqual(['old-image']);
      expect(second.LastEvaluatedStreamArn).toBeUndefined();
    });
  });

  describe('DescribeStream', () => {
    it('describes the stream and its one open shard', async () => {
      await insert('a');
      const { StreamDescription } = await local.dynamoStreams.send(new DescribeStreamCommand({ StreamArn: usersStreamArn }));
      expect(StreamDescription).toEqual({
        StreamArn: usersStreamArn,
        StreamLabel: '2026-01-01T00:00:00.000',
        StreamStatus: 'ENABLED',
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        // The time the stream's label carries.
        CreationRequestDateTime: new Date('2026-01-01T00:00:00.000Z'),
        TableName: 'users',
        KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
        Shards: [{ ShardId: shard.shardId, SequenceNumberRange: { StartingSequenceNumber: '100000000000000000001' } }],
      });
      expect(shard.shardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    });

    it('answers an unknown stream with ResourceNotFoundException', async () => {
      const missing = `${usersStreamArn.replace('users', 'nobody')}`;
      await expect(local.dynamoStreams.send(new DescribeStreamCommand({ StreamArn: missing }))).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        message: `Requested resource not found: Stream: ${missing} not found`,
      });
    });
  });

  describe('iterators', () => {
    it('reads everything from TRIM_HORIZON', async () => {
      await insert('a', 'b', 'c');
      const page = await getRecords(await iteratorFor(local, shard, 'TRIM_HORIZON'));
      expect(userIds(page.Records)).toEqual(['a', 'b', 'c']);
    });

    it('reads only later records from LATEST, even on an empty stream', async () => {
      const onEmpty = await iteratorFor(local, shard, 'LATEST');
      await insert('a');
      const latest = await iteratorFor(local, shard, 'LATEST');
      await insert('b');
      expect(userIds((await getRecords(onEmpty)).Records)).toEqual(['a', 'b']);
      expect(userIds((await getRecords(latest)).Records)).toEqual(['b']);
    });

    it('reads from AT_SEQUENCE_NUMBER inclusive and AFTER_SEQUENCE_NUMBER exclusive', async () => {
      await insert('a', 'b', 'c');
      const all = (await getRecords(await iteratorFor(local, shard, 'TRIM_HORIZON'))).Records ?? [];
      const middle = all[1].dynamodb?.SequenceNumber as string;
      expect(userIds((await getRecords(await iteratorFor(local, shard, 'AT_SEQUENCE_NUMBER', middle))).Records)).toEqual(['b', 'c']);
      expect(userIds((await getRecords(await iteratorFor(local, shard, 'AFTER_SEQUENCE_NUMBER', middle))).Records)).toEqual(['c']);
    });

    it('pages with Limit and NextShardIterator, and a drained iterator sees new records', async () => {
      await insert('a', 'b', 'c', 'd', 'e');
      const seen: string[] = [];
      let iterator = await iteratorFor(local, shard, 'TRIM_HORIZON');
      for (let page = 0; page < 3; page++) {
        const result = await getRecords(iterator, 2);
        seen.push(...(userIds(result.Records) as string[]));
        iterator = result.NextShardIterator as string;
      }
      expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
      const drained = await getRecords(iterator, 2);
      expect(drained.Records).toEqual([]);
      await insert('f');
      expect(userIds((await getRecords(drained.NextShardIterator as string)).Records)).toEqual(['f']);
    });

    it('expires iterators after 15 minutes', async () => {
      const iterator = await iteratorFor(local, shard, 'TRIM_HORIZON');
      clock += 15 * 60 * 1000 + 1;
      await expect(getRecords(iterator)).rejects.toMatchObject({
        name: 'ExpiredIteratorException',
        message: expect.stringContaining('further in the future than the tolerated delay of 900000 milliseconds'),
      });
    });

    it('trims records past the 24-hour retention on its own, each minute of the clock', async () => {
      const manual = new ManualClock(Date.now());
      const clocked = await startLocalDynamoDb({ clock: manual });
      try {
        const clockedShard = await shardOf(clocked, 'users');
        const retained = async () => {
          const iterator = await iteratorFor(clocked, clockedShard, 'TRIM_HORIZON');
          const { Records } = await clocked.dynamoStreams.send(new GetRecordsCommand({ ShardIterator: iterator }));
          return userIds(Records);
        };
        await clocked.dynamo.send(new PutItemCommand({ TableName: 'users', Item: { userId: { S: 'old' } } }));
        manual.advance(24 * 60 * 60 * 1000);
        expect(await retained()).toEqual(['old']);
        manual.advance(60_000);
        expect(await retained()).toEqual([]);
      } finally {
        await clocked.close();
      }
    });

    it('refuses to read trimmed records, and serves what retention kept', async () => {
      await insert('old');
      const old = (await getRecords(await iteratorFor(local, shard, 'TRIM_HORIZON'))).Records?.[0].dynamodb?.SequenceNumber as string;
      clock += 24 * 60 * 60 * 1000 - 60_000;
      await insert('recent');
      const atOld = await iteratorFor(local, shard, 'AT_SEQUENCE_NUMBER', old);
      clock += 120_000;
      expect(local.streams.trim()).toBe(1);

      await expect(getRecords(atOld)).rejects.toMatchObject({ name: 'TrimmedDataAccessException' });
      await expect(iteratorFor(local, shard, 'AT_SEQUENCE_NUMBER', old)).rejects.toMatchObject({ name: 'TrimmedDataAccessException' });
      expect(userIds((await getRecords(await iteratorFor(local, shard, 'TRIM_HORIZON'))).Records)).toEqual(['recent']);
      const { StreamDescription } = await local.dynamoStreams.send(new DescribeStreamCommand({ StreamArn: usersStreamArn }));
      expect(StreamDescription?.Shards?.[0].SequenceNumberRange?.StartingSequenceNumber).toBe('100000000000000000002');
    });
  });

  describe('validation', () => {
    it('bounds Limit to 1..1000 in AWS wording', async () => {
      const iterator = await iteratorFor(local, shard, 'TRIM_HORIZON');
      await expect(getRecords(iterator, 0)).rejects.toMatchObject({
        name: 'ValidationException',
        message: "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      });
      await expect(getRecords(iterator, 1001)).rejects.toMatchObject({
        message: "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 1000",
      });
    });

    it('names every missing or invalid GetShardIterator parameter', async () => {
      const response = await fetch(local.endpoint.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDBStreams_20120810.GetShardIterator' },
        body: JSON.stringify({ StreamArn: usersStreamArn, ShardIteratorType: 'OLDEST' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        __type: 'ValidationException',
        message:
          "2 validation errors detected: Value null at 'shardId' failed to satisfy constraint: Member must not be null; " +
          "Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: " +
          '[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]',
      });
    });

    it('requires a sequence number for AT_SEQUENCE_NUMBER and refuses one never issued', async () => {
      await expect(iteratorFor(local, shard, 'AT_SEQUENCE_NUMBER')).rejects.toMatchObject({
        name: 'ValidationException',
        message: 'Must specify a SequenceNumber when using the AT_SEQUENCE_NUMBER ShardIteratorType',
      });
      await expect(iteratorFor(local, shard, 'AFTER_SEQUENCE_NUMBER', '199999999999999999999')).rejects.toMatchObject({
        name: 'ValidationException',
      });
    });

    it('refuses an unknown shard and a forged iterator', async () => {
      await expect(
        local.dynamoStreams.send(
          new GetShardIteratorCommand({ StreamArn: usersStreamArn, ShardId: 'shardId-00000000000000000009-00000000', ShardIteratorType: 'LATEST' }),
        ),
      ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      await expect(getRecords('not-an-iterator')).rejects.toMatchObject({ name: 'ValidationException', message: 'Invalid ShardIterator' });
    });

    it('answers an unknown operation', async () => {
      const response = await fetch(local.endpoint.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDBStreams_20120810.PutRecord' },
        body: '{}',
      });
      expect(await response.json()).toEqual({ __type: 'UnknownOperationException', message: 'Unknown operation PutRecord' });
    });
  });

  describe('the in-process port', () => {
    it('reads after a position, reports the latest sequence number and announces appends', async () => {
      const { port } = local.streams;
      expect(port.shardId(usersStreamArn)).toBe(shard.shardId);
      expect(port.latestSequenceNumber(usersStreamArn)).toBeUndefined();
      let announced = 0;
      const unsubscribe = port.onAppend(usersStreamArn, () => announced++);
      await insert('a', 'b');
      await new Promise((resolve) => setImmediate(resolve));
      expect(announced).toBeGreaterThanOrEqual(1);
      const reader = port.attachReader(usersStreamArn, 'a test');
      const [first, second] = reader.readAfter(undefined, 10);
      expect(port.latestSequenceNumber(usersStreamArn)).toBe(second.dynamodb.SequenceNumber);
      expect(reader.readAfter(first.dynamodb.SequenceNumber, 10).map((record) => record.dynamodb.Keys)).toEqual([{ userId: { S: 'b' } }]);
      expect(reader.readAfter(undefined, 1)).toHaveLength(1);
      reader.detach();
      unsubscribe();
      const before = announced;
      await insert('c');
      await new Promise((resolve) => setImmediate(resolve));
      expect(announced).toBe(before);
      expect(() => port.attachReader('arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/y', 'a test').readAfter(undefined, 1)).toThrow('No stream');
    });
  });
});
