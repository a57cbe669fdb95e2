import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { startEndpoint, type Endpoint } from '../../../local/server';
import { createSqs, type LocalSqs } from '../../../local/sqs';
import { openStateStore, type StateStore } from '../../../local/storage/state-store';
import { ManualClock } from '../../../support/manual-clock';
import { ACCOUNT, REGION, TEST_CREDENTIALS, queueModel } from '../../../support/local-fixtures';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

const SOURCE = queueModel('orders', {
  visibilityTimeoutSeconds: 1,
  redrivePolicy: { deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:orders-dlq`, maxReceiveCount: 3 },
});
const DEAD_LETTERS = queueModel('orders-dlq');

/** Listeners are told on the next turn of the event loop; one turn shows whether they were. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('SQS visibility, redelivery and redrive', () => {
  let store: StateStore;
  let sqs: LocalSqs;
  let clock: ManualClock;

  beforeEach(() => {
    store = openStateStore(undefined);
    clock = new ManualClock();
    sqs = createSqs({ queues: [SOURCE, DEAD_LETTERS], store, endpoint: 'http://127.0.0.1:4566', region: REGION, account: ACCOUNT, clock });
  });

  afterEach(async () => {
    await sqs.close();
    store.close();
  });

  it('redelivers a message whose visibility timeout ended, counting receives', () => {
    sqs.port.send(SOURCE.arn, { body: 'payload' }, CALLER_WITHOUT_IAM);
    const first = sqs.port.receive(SOURCE.arn, 10, CALLER_WITHOUT_IAM);
    expect(first).toHaveLength(1);
    expect(first[0].attributes.ApproximateReceiveCount).toBe('1');
    clock.advance(999);
    expect(sqs.port.receive(SOURCE.arn, 10, CALLER_WITHOUT_IAM)).toHaveLength(0);

    clock.advance(1);
    const second = sqs.port.receive(SOURCE.arn, 10, CALLER_WITHOUT_IAM);
    expect(second.map((message) => message.messageId)).toEqual([first[0].messageId]);
    expect(second[0].attributes.ApproximateReceiveCount).toBe('2');
    expect(second[0].receiptHandle).not.toBe(first[0].receiptHandle);
  });

  it('moves a message to the DLQ on the receive attempt after maxReceiveCount, keeping its id', () => {
    const { messageId } = sqs.port.send(SOURCE.arn, { body: 'poison' }, CALLER_WITHOUT_IAM);
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [message] = sqs.port.receive(SOURCE.arn, 1, CALLER_WITHOUT_IAM, 0);
      expect(message.attributes.ApproximateReceiveCount).toBe(String(attempt));
    }
    expect(sqs.port.receive(SOURCE.arn, 1, CALLER_WITHOUT_IAM, 0)).toEqual([]);
    const [deadLetter] = sqs.port.receive(DEAD_LETTERS.arn, 1, CALLER_WITHOUT_IAM);
    expect(deadLetter.messageId).toBe(messageId);
    expect(deadLetter.body).toBe('poison');
  });

  it('fires onAvailable on send and again when a visibility timeout ends', async () => {
    const started = clock.now();
    const wakeTimes: number[] = [];
    const unsubscribe = sqs.port.onAvailable(SOURCE.arn, () => wakeTimes.push(clock.now() - started));
    sqs.port.send(SOURCE.arn, { body: 'x' }, CALLER_WITHOUT_IAM);
    await nextTurn();
    expect(wakeTimes).toEqual([0]);

    sqs.port.receive(SOURCE.arn, 1, CALLER_WITHOUT_IAM);
    clock.advance(999);
    await nextTurn();
    expect(wakeTimes).toEqual([0]);
    clock.advance(1);
    await nextTurn();
    expect(wakeTimes).toEqual([0, 1_000]);
    unsubscribe();
  });

  it('notifies the DLQ listeners when the redrive policy moves a message', async () => {
    let woken = 0;
    sqs.port.onAvailable(DEAD_LETTERS.arn, () => woken++);
    sqs.port.send(SOURCE.arn, { body: 'poison' }, CALLER_WITHOUT_IAM);
    for (let attempt = 0; attempt < 4; attempt++) sqs.port.receive(SOURCE.arn, 1, CALLER_WITHOUT_IAM, 0);
    await nextTurn();
    expect(woken).toBe(1);
  });

  it('deletes through the port and ignores stale handles, and throws for unknown queues', () => {
    sqs.port.send(`http://localhost:4566/${ACCOUNT}/orders`, { body: 'by url' }, CALLER_WITHOUT_IAM);
    const [message] = sqs.port.receive('orders', 1, CALLER_WITHOUT_IAM, 0);
    const [again] = sqs.port.receive(SOURCE.arn, 1, CALLER_WITHOUT_IAM);
    sqs.port.delete(SOURCE.arn, message.receiptHandle, CALLER_WITHOUT_IAM);
    sqs.port.changeVisibility(SOURCE.arn, again.receiptHandle, 0, CALLER_WITHOUT_IAM);
    sqs.port.delete(SOURCE.arn, sqs.port.receive(SOURCE.arn, 1, CALLER_WITHOUT_IAM)[0].receiptHandle, CALLER_WITHOUT_IAM);
    expect(sqs.port.receive(SOURCE.arn, 10, CALLER_WITHOUT_IAM, 0)).toEqual([]);
    expect(() => sqs.port.send('arn:aws:sqs:us-east-1:000000000000:nope', { body: 'x' }, CALLER_WITHOUT_IAM)).toThrow('The specified queue does not exist.');
  });

  it('drops messages past the retention period', async () => {
    const shortLived = queueModel('short', { messageRetentionSeconds: 60 });
    const clocked = createSqs({ queues: [shortLived], store: openStateStore(undefined), endpoint: '', region: REGION, account: ACCOUNT, clock });
    clocked.port.send(shortLived.arn, { body: 'old' }, CALLER_WITHOUT_IAM);
    clock.advance(61_000);
    expect(clocked.port.receive(shortLived.arn, 10, CALLER_WITHOUT_IAM)).toEqual([]);
    await clocked.close();
  });
});

describe('SQS redrive seen through the API', () => {
  let endpoint: Endpoint;
  let store: StateStore;
  let sqs: LocalSqs;
  let client: SQSClient;

  beforeAll(async () => {
    endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
    store = openStateStore(undefined);
    sqs = createSqs({ queues: [SOURCE, DEAD_LETTERS], store, endpoint: endpoint.url, region: REGION, account: ACCOUNT });
    endpoint.mount(sqs.handler);
    client = new SQSClient({ endpoint: endpoint.url, region: REGION, credentials: TEST_CREDENTIALS });
  });

  afterAll(async () => {
    client.destroy();
    await sqs.close();
    await endpoint.close();
    store.close();
  });

  it('reports the redrive policy and shows the source ARN on the dead letter', async () => {
    const sourceUrl = `${endpoint.url}/${ACCOUNT}/orders`;
    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: sourceUrl, AttributeNames: ['RedrivePolicy'] }));
    expect(JSON.parse(attributes.Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: DEAD_LETTERS.arn, maxReceiveCount: 3 });

    sqs.port.send(SOURCE.arn, { body: 'poison' }, CALLER_WITHOUT_IAM);
    for (let attempt = 0; attempt < 4; attempt++) await client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));
    const dead = await client.send(
      new ReceiveMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/orders-dlq`, MessageSystemAttributeNames: ['All'] }),
    );
    expect(dead.Messages?.[0].Body).toBe('poison');
    expect(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn).toBe(SOURCE.arn);
    expect(dead.Messages?.[0].Attributes?.ApproximateReceiveCount).toBe('4');
  });

  it('redrives a DLQ back to the source queue with StartMessageMoveTask', async () => {
    const sourceUrl = `${endpoint.url}/${ACCOUNT}/orders`;
    sqs.port.send(SOURCE.arn, { body: 'fixed now', messageAttributes: { kind: { DataType: 'String', StringValue: 'order' } } }, CALLER_WITHOUT_IAM);
    for (let attempt = 0; attempt < 4; attempt++) await client.send(new ReceiveMessageCommand({ QueueUrl: sourceUrl, VisibilityTimeout: 0 }));

    const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: DEAD_LETTERS.arn }));
    expect(TaskHandle).toBeTruthy();
    const tasks = await client.send(new ListMessageMoveTasksCommand({ SourceArn: DEAD_LETTERS.arn }));
    expect(tasks.Results).toEqual([expect.objectContaining({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 })]);

    const back = await client.send(
      new ReceiveMessageCommand({ QueueUrl: sourceUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['All'] }),
    );
    expect(back.Messages?.[0]).toMatchObject({
      Body: 'fixed now',
      Attributes: { ApproximateReceiveCount: '1' },
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'order' } },
    });
    expect(sqs.port.receive(DEAD_LETTERS.arn, 10, CALLER_WITHOUT_IAM)).toEqual([]);

    await expect(client.send(new StartMessageMoveTaskCommand({ SourceArn: SOURCE.arn }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Source queue must be configured as a Dead Letter Queue.',
    });
  });

  it('marks SQS errors with the legacy query code the SDK reads from x-amzn-query-error', async () => {
    const context = { region: REGION, account: ACCOUNT, endpoint: endpoint.url, caller: CALLER_WITHOUT_IAM };
    const failure = Promise.resolve().then(() => sqs.handler.handle('SendMessage', { QueueUrl: `${endpoint.url}/${ACCOUNT}/missing`, MessageBody: 'x' }, context));
    await expect(failure).rejects.toMatchObject({
      code: 'QueueDoesNotExist',
      typePrefix: 'com.amazonaws.sqs#',
      headers: { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' },
    });
  });

  it('sends the legacy query code on the wire, so an SDK client sees it as the error Code', async () => {
    const failure = client.send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/missing`, MessageBody: 'x' }));
    await expect(failure).rejects.toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue' });
  });
});
