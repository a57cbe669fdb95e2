import { DynamoDBClient, GetItemCommand, PutItemCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import * as path from 'node:path';
import type { StreamRecord } from '../../../local/model/ports';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { readLog } from '../../../support/fixture-log';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { waitFor } from '../../../support/waiting';
import { ManualClock } from '../../../support/manual-clock';
import { lambdaFunction, streamMapping, table, writeAssembly } from '../../../support/template-assembly';

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const seconds = (ms: number): string => String(Math.floor(ms / 1000));
const YEAR_MS = 365 * 24 * 3600 * 1000;

describe('DynamoDB time to live', () => {
  let runtime: LocalRuntime;
  let clock: ManualClock;
  let dynamo: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  let logFile: string;

  beforeEach(async () => {
    clock = new ManualClock(NOW);
    logFile = path.join(temporaryDirectory('ttl-'), 'calls.jsonl');
    // A function on the stream that keeps only REMOVEs, as an archive of expired items would.
    const assembly = writeAssembly({
      Sessions: table('sessions', { timeToLiveAttribute: 'expiresAt' }),
      Archive: lambdaFunction('archive', path.join(__dirname, '..', 'lambda', 'fixtures', 'stream-handlers'), 'consume', { LOG_FILE: logFile }),
      ArchiveMapping: streamMapping('Sessions', 'Archive', { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['REMOVE'] }) }] } }),
    });
    runtime = await startLocalRuntime({ cdkOutDir: assembly, port: 0, clock, logSink: () => undefined });
    const config = { endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    dynamo = new DynamoDBClient(config);
    streams = new DynamoDBStreamsClient(config);
  });
  afterEach(async () => {
    dynamo.destroy();
    streams.destroy();
    await runtime.close();
  });

  const put = (pk: string, expiresAt: AttributeValue | undefined) =>
    dynamo.send(new PutItemCommand({ TableName: 'sessions', Item: { pk: { S: pk }, ...(expiresAt && { expiresAt }) } }));
  const remaining = async () =>
    ((await dynamo.send(new ScanCommand({ TableName: 'sessions' }))).Items ?? []).map((item) => item.pk.S).sort();
  const sweepNow = async () => {
    const response = await fetch(`${runtime.endpoint}/_local/dynamodb/ttl-sweep`, { method: 'POST' });
    expect(response.status).toBe(200);
    return response.json();
  };
  const streamRecords = async () => {
    const streamArn = runtime.model.tables[0].stream?.arn as string;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: StreamDescription?.Shards?.[0].ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    return (await streams.send(new GetRecordsCommand({ ShardIterator }))).Records ?? [];
  };

  it('deletes on request every item whose TTL has passed, and writes REMOVE records naming DynamoDB', async () => {
    await put('expired', { N: seconds(NOW - 1000) });
    await put('due-now', { N: seconds(NOW) });
    await put('future', { N: seconds(NOW + 60_000) });
    await put('no-ttl', undefined);
    await put('not-a-number', { S: seconds(NOW - 1000) });
    // More than five years in the past reads as a mistake of unit: DynamoDB does not delete it.
    await put('ancient', { N: seconds(NOW - 6 * YEAR_MS) });

    expect(await sweepNow()).toEqual({ deleted: [{ TableName: 'sessions', Keys: [{ pk: { S: 'due-now' } }, { pk: { S: 'expired' } }] }] });
    expect(await remaining()).toEqual(['ancient', 'future', 'no-ttl', 'not-a-number']);

    const removes = (await streamRecords()).filter((record) => record.eventName === 'REMOVE');
    expect(removes.map((record) => record.dynamodb?.Keys?.pk.S).sort()).toEqual(['due-now', 'expired']);
    for (const record of removes) {
      expect(record.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
      expect(record.dynamodb?.OldImage?.expiresAt).toBeDefined();
    }
    // A client's own writes carry no userIdentity.
    expect((await streamRecords()).filter((record) => record.eventName === 'INSERT').every((record) => record.userIdentity === undefined)).toBe(true);

    // A function on the stream gets the REMOVEs with the userIdentity Lambda events spell in lower case.
    const delivered = () => readLog<{ event: { Records: StreamRecord[] } }>(logFile).flatMap((line) => line.event.Records);
    await waitFor('both REMOVEs to reach the function', () => delivered().length === 2);
    expect(delivered().map((record) => record.userIdentity)).toEqual([
      { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    ]);
  });

  it('sweeps on its own each minute of the clock', async () => {
    await put('soon', { N: seconds(NOW + 30_000) });
    clock.advance(60_000);
    const deadline = Date.now() + 10_000;
    while ((await dynamo.send(new GetItemCommand({ TableName: 'sessions', Key: { pk: { S: 'soon' } } }))).Item !== undefined) {
      if (Date.now() > deadline) throw new Error('the item was not swept');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('answers anything but POST on the sweep path with 405', async () => {
    const response = await fetch(`${runtime.endpoint}/_local/dynamodb/ttl-sweep`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });
});
