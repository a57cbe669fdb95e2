import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { startLocalRuntime } from '../../../local/runtime';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { ManualClock } from '../../../support/manual-clock';
import { table, writeAssembly } from '../../../support/template-assembly';

const FIRST_START = Date.UTC(2026, 4, 2, 7, 15, 30, 125);

/** Starts the runtime on the assembly, and reports the users table's stream as DescribeTable and DescribeStream do. */
async function describeStream(assembly: string, stateDir: string | undefined, now: number) {
  const runtime = await startLocalRuntime({ cdkOutDir: assembly, port: 0, stateDir, clock: new ManualClock(now), logSink: () => undefined });
  const config = { endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  try {
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: 'users' }));
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table?.LatestStreamArn }));
    return {
      label: Table?.LatestStreamLabel,
      arn: Table?.LatestStreamArn,
      modelArn: runtime.model.tables[0].stream?.arn,
      createdAt: StreamDescription?.CreationRequestDateTime,
    };
  } finally {
    dynamo.destroy();
    streams.destroy();
    await runtime.close();
  }
}

describe("the label of a template table's stream", () => {
  it('is the time the stream was created, the same across restarts, in the ARN and in DescribeStream', async () => {
    const assembly = writeAssembly({ Users: table('users') });
    const stateDir = temporaryDirectory('stream-labels-');
    const first = await describeStream(assembly, stateDir, FIRST_START);
    expect(first).toEqual({
      label: '2026-05-02T07:15:30.125',
      arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/users/stream/2026-05-02T07:15:30.125',
      modelArn: first.arn,
      createdAt: new Date(FIRST_START),
    });
    expect(await describeStream(assembly, stateDir, FIRST_START + 3_600_000)).toEqual(first);
  });

  it('is new for a new stream: a new state, or another view type', async () => {
    const assembly = writeAssembly({ Users: table('users') });
    const stateDir = temporaryDirectory('stream-labels-');
    await describeStream(assembly, stateDir, FIRST_START);
    expect((await describeStream(assembly, undefined, FIRST_START + 1000)).label).toBe('2026-05-02T07:15:31.125');
    const keysOnly = table('users');
    (keysOnly.Properties as Record<string, unknown>).StreamSpecification = { StreamViewType: 'KEYS_ONLY' };
    expect((await describeStream(writeAssembly({ Users: keysOnly }), stateDir, FIRST_START + 2000)).label).toBe('2026-05-02T07:15:32.125');
  });
});
