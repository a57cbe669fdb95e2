import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams';
import * as path from 'node:path';
import type { CfnResource } from '../../../local/template/cfn-types';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { readLog } from '../../../support/fixture-log';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { waitFor } from '../../../support/waiting';
import { ManualClock } from '../../../support/manual-clock';
import { lambdaFunction, streamMapping, table, writeAssembly } from '../../../support/template-assembly';

const HANDLERS = path.join(__dirname, '..', 'lambda', 'fixtures', 'stream-handlers');

/** A function on the users stream through its own event source mapping, logging what it is handed to `logFile`. */
function consumer(name: string, logFile: string): Record<string, CfnResource> {
  const id = name.replace(/(^|-)(\w)/g, (_whole, _dash, letter: string) => letter.toUpperCase());
  return {
    [id]: lambdaFunction(name, HANDLERS, 'consume', { LOG_FILE: logFile }),
    [`${id}Mapping`]: streamMapping('Users', id),
  };
}

describe('the two readers of a stream shard', () => {
  let runtime: LocalRuntime | undefined;
  let dynamo: DynamoDBClient;
  let streams: DynamoDBStreamsClient;
  const logs: string[] = [];
  const logFiles = new Map<string, string>();

  afterEach(async () => {
    dynamo?.destroy();
    streams?.destroy();
    await runtime?.close();
    runtime = undefined;
    logs.length = 0;
  });

  async function start(consumers: string[], clock?: ManualClock): Promise<void> {
    const directory = temporaryDirectory('shard-readers-');
    const resources: Record<string, CfnResource> = { Users: table('users') };
    for (const name of consumers) {
      logFiles.set(name, path.join(directory, `${name}.jsonl`));
      Object.assign(resources, consumer(name, logFiles.get(name) as string));
    }
    runtime = await startLocalRuntime({ cdkOutDir: writeAssembly(resources), port: 0, clock, logSink: (line) => logs.push(line) });
    // One attempt per call: the SDK retries LimitExceededException as throttling, and the test wants to see it.
    const config = { endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 };
    dynamo = new DynamoDBClient(config);
    streams = new DynamoDBStreamsClient(config);
  }
  const put = (pk: string) => dynamo.send(new PutItemCommand({ TableName: 'users', Item: { pk: { S: pk } } }));
  const delivered = (name: string) =>
    readLog<{ event: { Records: Array<{ dynamodb: { Keys: { pk: { S: string } } } }> } }>(logFiles.get(name) as string).flatMap((line) =>
      line.event.Records.map((record) => record.dynamodb.Keys.pk.S),
    );

  it('warns at start about a third reader, and refuses it with LimitExceededException while the first two read', async () => {
    await start(['first', 'second', 'third']);
    expect(runtime?.model.warnings).toEqual([
      'Users (AWS::DynamoDB::Table): its stream has 3 readers (event source mapping FirstMapping, event source mapping SecondMapping, ' +
        'event source mapping ThirdMapping); DynamoDB throttles more than 2 readers of a shard, and locally every reader beyond the first 2 to start is refused with LimitExceededException',
    ]);
    await put('u-1');
    await waitFor('the first two readers to deliver', () => delivered('first').includes('u-1') && delivered('second').includes('u-1'));
    expect(delivered('third')).toEqual([]);
    const refusals = logs.filter((line) => line.includes('ThirdMapping') && line.includes('LimitExceededException'));
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(
      /cannot read .* \(LimitExceededException: More than 2 processes are reading from the same streams shard at the same time: shardId-\S+ of \S+ is read by event source mapping FirstMapping of function first and event source mapping SecondMapping of function second; event source mapping ThirdMapping of function third is refused until one of them stops\); retrying/,
    );
  });

  it('counts an API client polling an iterator chain as a reader, and lets it go once it stops polling', async () => {
    const clock = new ManualClock(Date.now());
    await start(['mapped'], clock);
    const streamArn = runtime?.model.tables[0].stream?.arn as string;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    const shardId = StreamDescription?.Shards?.[0].ShardId;
    const chain = async () =>
      (await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    const next = async (iterator: string | undefined) => (await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))).NextShardIterator;

    // The mapping and one polling client are the shard's two readers.
    const polling = await next(await next(await chain()));
    // A second client may read once, but not poll.
    const second = await next(await chain());
    await expect(next(second)).rejects.toMatchObject({ name: 'LimitExceededException', $metadata: { httpStatusCode: 400 } });
    // Once the first client has not polled for five seconds, it has stopped, and the second takes its place.
    clock.advance(5_001);
    await expect(next(second)).resolves.toEqual(expect.any(String));
    await expect(next(polling)).rejects.toMatchObject({ name: 'LimitExceededException' });
  });
});
