import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { createAwsClients, type LocalAwsClients } from '../../support/aws-clients';
import { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { TEST_TIMEOUT_MS } from '../../support/deadlines';
import { loopbackServer, type LoopbackServer } from '../../support/loopback-servers';
import { PROJECT_DIR } from '../../support/project';
import { queueUrl } from '../../support/observers/queues';
import { waitFor } from '../../support/waiting';
import { ORDERS_APP, synthesizeOrdersApp } from './second-app/app';

jest.setTimeout(TEST_TIMEOUT_MS);

/**
 * A second CDK app, written here and unrelated to users-fanout, runs through `npm start -- --assembly`: what the
 * runtime does is read from whatever template it is given, not from our app. Each hop is checked with SDK clients.
 */
describe('a second CDK app through npm start -- --assembly', () => {
  let partner: LoopbackServer;
  const partnerKeys: (string | undefined)[] = [];
  let assemblyDir: string;
  let runtime: ChildRuntime;
  let aws: LocalAwsClients;
  const startLines: string[] = [];

  beforeAll(async () => {
    partner = await loopbackServer((_body, response, request) => {
      partnerKeys.push(request.headers[ORDERS_APP.apiKeyHeader] as string | undefined);
      response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
    assemblyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orders-app-'));
    synthesizeOrdersApp(assemblyDir, `${partner.url}/orders`);
    runtime = await ChildRuntime.start({ projectDir: PROJECT_DIR, launcher: 'node', args: ['--assembly', assemblyDir], onLine: (line) => startLines.push(line) });
    aws = createAwsClients({ endpoint: runtime.endpoint });
  });

  afterAll(async () => {
    aws?.destroy();
    await runtime?.stop();
    await partner?.close();
    fs.rmSync(assemblyDir, { recursive: true, force: true });
  });

  const placeOrder = (id: string, extra: Record<string, unknown> = {}) =>
    aws.dynamodb.send(new PutItemCommand({ TableName: ORDERS_APP.table, Item: { id: { S: id }, items: { L: [{ S: 'book' }, { S: 'lamp' }] }, ...extra } }));

  /** Receives and deletes the next message of a queue, waiting for one. */
  async function nextMessage(queueName: string): Promise<unknown> {
    const url = await queueUrl(aws.sqs, queueName);
    return waitFor(`a message on ${queueName}`, async () => {
      const { Messages = [] } = await aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 }));
      const [message] = Messages;
      if (!message) return undefined;
      await aws.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
      return JSON.parse(message.Body ?? 'null') as unknown;
    });
  }

  it('runs every resource and property of the template but one, which it names: the webhook over http', () => {
    // The runtime warns at start about anything of the template it does not apply; a silent ignore would pass here.
    expect(startLines.filter((line) => line.includes('warning:'))).toEqual([
      expect.stringMatching(/PartnerApiDestination\w* \(AWS::Events::ApiDestination\): InvocationEndpoint http:\/\/127\.0\.0\.1:\d+\/orders uses http, .*AWS requires https$/),
    ]);
  });

  it('turns an inserted order into a shaped shipping message and a call to the partner, with its API key', async () => {
    await placeOrder('order-1');

    expect(await nextMessage(ORDERS_APP.shipping)).toEqual({ order: 'order-1', items: ['book', 'lamp'], placedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
    const call = await waitFor('the partner webhook to be called', () => partner.bodies.length > 0 && JSON.parse(partner.bodies[0]));
    expect(call).toMatchObject({ source: 'orders', 'detail-type': 'OrderPlaced', detail: { id: 'order-1', items: ['book', 'lamp'] } });
    expect(partnerKeys[0]).toBe(ORDERS_APP.apiKey);
  });

  it('keeps a modified order out of the trigger (its INSERT filter), proven by the next insert arriving alone', async () => {
    await aws.dynamodb.send(
      new UpdateItemCommand({ TableName: ORDERS_APP.table, Key: { id: { S: 'order-1' } }, UpdateExpression: 'SET #items = :items', ExpressionAttributeNames: { '#items': 'items' }, ExpressionAttributeValues: { ':items': { L: [{ S: 'chair' }] } } }),
    );
    await placeOrder('sentinel-after-modify');

    // One shard, read in order: had the MODIFY reached the trigger, its event would be on the queue first.
    expect(await nextMessage(ORDERS_APP.shipping)).toMatchObject({ order: 'sentinel-after-modify' });
  });

  it('sends a poison order, after its retry, to the on-failure destination as Lambda documents the record', async () => {
    await placeOrder('order-poison', { poison: { BOOL: true } });

    const failure = await nextMessage(ORDERS_APP.streamFailures);
    expect(failure).toMatchObject({
      requestContext: { functionArn: expect.stringContaining(`:function:${ORDERS_APP.placeOrder}`), condition: 'RetryAttemptsExhausted', approximateInvokeCount: 2 },
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.any(String),
      DDBStreamBatchInfo: { batchSize: 1, streamArn: expect.stringContaining(`table/${ORDERS_APP.table}/stream/`), shardId: expect.any(String) },
    });
    // The trigger moves on past the poison record.
    await placeOrder('sentinel-after-poison');
    expect(await nextMessage(ORDERS_APP.shipping)).toMatchObject({ order: 'sentinel-after-poison' });
  });

  it('deletes an expired order on a sweep and records the deletion as the TTL service', async () => {
    const expiredAt = Math.floor(Date.now() / 1000) - 60;
    await placeOrder('order-expired', { expiresAt: { N: String(expiredAt) } });
    await nextMessage(ORDERS_APP.shipping);

    const sweep = await fetch(`${runtime.endpoint}/_local/dynamodb/ttl-sweep`, { method: 'POST' });
    expect(sweep.ok).toBe(true);
    const { Item } = await aws.dynamodb.send(new GetItemCommand({ TableName: ORDERS_APP.table, Key: { id: { S: 'order-expired' } } }));
    expect(Item).toBeUndefined();

    const { Streams = [] } = await aws.streams.send(new ListStreamsCommand({ TableName: ORDERS_APP.table }));
    const { StreamDescription } = await aws.streams.send(new DescribeStreamCommand({ StreamArn: Streams[0].StreamArn }));
    const { ShardIterator } = await aws.streams.send(
      new GetShardIteratorCommand({ StreamArn: Streams[0].StreamArn, ShardId: StreamDescription?.Shards?.[0].ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records = [] } = await aws.streams.send(new GetRecordsCommand({ ShardIterator }));
    const removal = Records.find((record) => record.eventName === 'REMOVE' && record.dynamodb?.Keys?.id?.S === 'order-expired');
    expect(removal?.userIdentity).toEqual({ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' });
  });
});
