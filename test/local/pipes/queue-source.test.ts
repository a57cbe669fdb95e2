import { GetQueueAttributesCommand, GetQueueUrlCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as path from 'node:path';
import type { CfnResource } from '../../../local/template/cfn-types';
import { startLocalRuntime, type LocalRuntime } from '../../../local/runtime';
import { readLog } from '../../../support/fixture-log';
import { temporaryDirectory } from '../../../support/local-fixtures';
import { waitFor } from '../../../support/waiting';
import { lambdaFunction, writeAssembly } from '../../../support/template-assembly';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'pipe-functions');

interface Call {
  role: 'enrichment' | 'target';
  event: Array<Record<string, unknown>>;
}

/** A pipe from the `orders` queue (redriving to `orders-dlq` after two receives) to a function. */
function ordersPipe(pipeProperties: Record<string, unknown>, logFile: string): Record<string, CfnResource> {
  return {
    OrdersDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'orders-dlq' } },
    Orders: {
      Type: 'AWS::SQS::Queue',
      Properties: {
        QueueName: 'orders',
        VisibilityTimeout: 1,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['OrdersDlq', 'Arn'] }, maxReceiveCount: 2 },
      },
    },
    Enrich: lambdaFunction('enrich', FUNCTIONS, 'enrich', { LOG_FILE: logFile }),
    Target: lambdaFunction('target', FUNCTIONS, 'target', { LOG_FILE: logFile }),
    Pipe: {
      Type: 'AWS::Pipes::Pipe',
      Properties: {
        Name: 'orders-pipe',
        RoleArn: 'arn:aws:iam::000000000000:role/pipe',
        Source: { 'Fn::GetAtt': ['Orders', 'Arn'] },
        Target: { 'Fn::GetAtt': ['Target', 'Arn'] },
        ...pipeProperties,
      },
    },
  };
}

describe('pipes with an SQS source', () => {
  let runtime: LocalRuntime | undefined;
  let sqs: SQSClient;
  let logFile: string;

  afterEach(async () => {
    sqs?.destroy();
    await runtime?.close();
    runtime = undefined;
  });

  async function start(pipeProperties: Record<string, unknown>): Promise<void> {
    logFile = path.join(temporaryDirectory('queue-pipe-'), 'calls.jsonl');
    // The pipe names a role the template does not define, which local IAM would refuse: this tests pipes, not IAM.
    runtime = await startLocalRuntime({ cdkOutDir: writeAssembly(ordersPipe(pipeProperties, logFile)), port: 0, logSink: () => undefined, iam: 'off' });
    sqs = new SQSClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }
  const queueUrl = async (name: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl as string;
  const send = async (body: unknown) => sqs.send(new SendMessageCommand({ QueueUrl: await queueUrl('orders'), MessageBody: JSON.stringify(body) }));
  const calls = (role: Call['role']) => readLog<Call>(logFile).filter((call) => call.role === role);
  const depth = async (name: string) => {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: await queueUrl(name),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
  };

  it('filters on the JSON body, transforms each message with the target input template, and deletes what it delivered', async () => {
    await start({
      SourceParameters: {
        SqsQueueParameters: { BatchSize: 5, MaximumBatchingWindowInSeconds: 1 },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { type: ['order'] } }) }] },
      },
      TargetParameters: { InputTemplate: '{"id": <$.messageId>, "order": <$.body.order>, "pipe": <aws.pipes.pipe-name>, "note": "for <$.body.customer.name>"}' },
    });
    await send({ type: 'order', order: 'o-1', customer: { name: 'Ada' } });
    await send({ type: 'refund', order: 'r-1', customer: { name: 'Bob' } });
    await send({ type: 'order', order: 'o-2', customer: { name: 'Cy' } });
    await waitFor('the target to be invoked', () => calls('target').length === 1);
    const [{ event }] = calls('target');
    expect(event).toEqual([
      { id: expect.any(String), order: 'o-1', pipe: 'orders-pipe', note: 'for Ada' },
      { id: expect.any(String), order: 'o-2', pipe: 'orders-pipe', note: 'for Cy' },
    ]);
    // The refund did not match: it was dropped from the queue, as the delivered orders were.
    const deadline = Date.now() + 10_000;
    while ((await depth('orders')) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await depth('orders')).toBe(0);
  });

  it('hands the enrichment its input template per message, and the target what the enrichment returned', async () => {
    await start({
      Enrichment: { 'Fn::GetAtt': ['Enrich', 'Arn'] },
      EnrichmentParameters: { InputTemplate: '{"id": <$.messageId>, "order": <$.body.order>, "source": <aws.pipes.source-arn>}' },
    });
    await send({ order: 'o-7' });
    await waitFor('the target to be invoked', () => calls('target').length === 1);
    expect(calls('enrichment')[0].event).toEqual([
      { id: expect.any(String), order: 'o-7', source: 'arn:aws:sqs:us-east-1:000000000000:orders' },
    ]);
    expect(calls('target')[0].event).toEqual([expect.objectContaining({ order: 'o-7', enriched: true })]);
  });

  it('keeps a failed message on the queue, to come back after its visibility timeout and reach the DLQ by redrive', async () => {
    await start({ TargetParameters: { InputTemplate: '{"id": <$.messageId>, "order": <$.body.order>}' } });
    await send({ order: 'poison' });
    await waitFor('the poison order to come back', () => calls('target').length >= 2);
    const { Messages } = await waitForMessages(sqs, await queueUrl('orders-dlq'));
    expect(JSON.parse(Messages[0].Body as string)).toEqual({ order: 'poison' });
    expect(calls('target')).toHaveLength(2);
  });

  it('with a Lambda target naming messages in batchItemFailures, deletes every other message of the batch', async () => {
    await start({
      SourceParameters: { SqsQueueParameters: { BatchSize: 3, MaximumBatchingWindowInSeconds: 1 } },
      TargetParameters: { InputTemplate: '{"id": <$.messageId>, "order": <$.body.order>}' },
    });
    for (const order of ['o-1', 'reject', 'o-2']) await send({ order });
    await waitFor('the rejected order to come back', () => calls('target').length >= 2);
    expect(calls('target')[0].event.map((item) => item.order).sort()).toEqual(['o-1', 'o-2', 'reject']);
    expect(calls('target')[1].event.map((item) => item.order)).toEqual(['reject']);
  });
});

async function waitForMessages(sqs: SQSClient, queueUrl: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    if (received.Messages?.length) return { Messages: received.Messages };
    if (Date.now() > deadline) throw new Error(`no message reached ${queueUrl}`);
  }
}
