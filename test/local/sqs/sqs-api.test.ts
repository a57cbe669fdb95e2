import {
  BatchEntryIdsNotDistinct,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { createHash } from 'node:crypto';
import { startEndpoint, type Endpoint } from '../../../local/server';
import { createSqs, type LocalSqs } from '../../../local/sqs';
import { openStateStore, type StateStore } from '../../../local/storage/state-store';
import { ManualClock } from '../../../support/manual-clock';
import { waitFor } from '../../../support/waiting';
import { ACCOUNT, REGION, TEST_CREDENTIALS, queueModel } from '../../../support/local-fixtures';

describe('SQS over the JSON protocol, with the real SDK client', () => {
  let endpoint: Endpoint;
  let store: StateStore;
  let sqs: LocalSqs;
  let client: SQSClient;
  let workUrl: string;
  /** Starts at the real time, so timestamps look current; moves only when a test advances it. */
  let clock: ManualClock;

  beforeEach(async () => {
    endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
    store = openStateStore(undefined);
    clock = new ManualClock(Date.now());
    sqs = createSqs({
      queues: [queueModel('work', { visibilityTimeoutSeconds: 30 }), queueModel('work-dlq'), queueModel('other')],
      store,
      endpoint: endpoint.url,
      region: REGION,
      account: ACCOUNT,
      clock,
    });
    endpoint.mount(sqs.handler);
    client = new SQSClient({ endpoint: endpoint.url, region: REGION, credentials: TEST_CREDENTIALS });
    workUrl = `${endpoint.url}/${ACCOUNT}/work`;
  });

  afterEach(async () => {
    client.destroy();
    await sqs.close();
    await endpoint.close();
    store.close();
  });

  it('sends a message and receives it with its MD5, attributes and system attributes', async () => {
    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl: workUrl,
        MessageBody: '{"hello":"world"}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' }, size: { DataType: 'Number', StringValue: '3' } },
      }),
    );
    expect(sent.MD5OfMessageBody).toBe(createHash('md5').update('{"hello":"world"}').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);

    const received = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: workUrl,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['kind'],
      }),
    );
    expect(received.Messages).toHaveLength(1);
    const message = received.Messages![0];
    expect(message.MessageId).toBe(sent.MessageId);
    expect(message.Body).toBe('{"hello":"world"}');
    expect(message.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(message.Attributes?.SenderId).toBe(ACCOUNT);
    expect(Number(message.Attributes?.SentTimestamp)).toBeGreaterThan(Date.now() - 60_000);
    expect(message.MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'greeting' } });
  });

  it('answers an unknown queue with QueueDoesNotExist', async () => {
    const error = await client
      .send(new SendMessageCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/missing`, MessageBody: 'x' }))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueueDoesNotExist);
    expect((error as QueueDoesNotExist).message).toBe('The specified queue does not exist.');
    await expect(client.send(new GetQueueUrlCommand({ QueueName: 'missing' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('rejects out-of-range parameters with InvalidParameterValue', async () => {
    const error = await client
      .send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 11 }))
      .catch((caught: unknown) => caught as Error);
    expect(error).toMatchObject({ name: 'InvalidParameterValue' });
    expect((error as Error).message).toContain('MaxNumberOfMessages');
    await expect(client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, WaitTimeSeconds: 21 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'x', DelaySeconds: 901 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'x'.repeat(262_145) }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
  });

  it('receives at most MaxNumberOfMessages and hides received messages for the visibility timeout', async () => {
    for (let index = 0; index < 12; index++) {
      await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: `m${index}` }));
    }
    const first = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10 }));
    expect(first.Messages).toHaveLength(10);
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10 }));
    expect(second.Messages).toHaveLength(2);
    const third = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10 }));
    expect(third.Messages).toBeUndefined();

    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ['All'] }));
    expect(attributes.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '12',
      QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:work`,
      VisibilityTimeout: '30',
      MessageRetentionPeriod: '345600',
    });
  });

  it('deletes with the latest receipt handle, ignores stale handles and rejects malformed ones', async () => {
    await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'once' }));
    const firstReceive = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, VisibilityTimeout: 0 }));
    const staleHandle = firstReceive.Messages![0].ReceiptHandle!;
    const secondReceive = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(secondReceive.Messages![0].Attributes?.ApproximateReceiveCount).toBe('2');

    await client.send(new DeleteMessageCommand({ QueueUrl: workUrl, ReceiptHandle: staleHandle }));
    expect(await notVisibleCount(client, workUrl)).toBe(1);

    await client.send(new DeleteMessageCommand({ QueueUrl: workUrl, ReceiptHandle: secondReceive.Messages![0].ReceiptHandle! }));
    expect(await notVisibleCount(client, workUrl)).toBe(0);

    await expect(client.send(new DeleteMessageCommand({ QueueUrl: workUrl, ReceiptHandle: 'not-a-handle' }))).rejects.toBeInstanceOf(
      ReceiptHandleIsInvalid,
    );
  });

  it('sends and deletes in batches, reporting per-entry failures', async () => {
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl: workUrl,
        Entries: [
          { Id: 'a', MessageBody: 'first' },
          { Id: 'b', MessageBody: 'second', DelaySeconds: 901 },
          { Id: 'c', MessageBody: 'third' },
        ],
      }),
    );
    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['a', 'c']);
    expect(sent.Failed).toEqual([expect.objectContaining({ Id: 'b', Code: 'InvalidParameterValue', SenderFault: true })]);

    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages?.map((message) => message.Body).sort()).toEqual(['first', 'third']);
    const deleted = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: workUrl,
        Entries: [
          ...received.Messages!.map((message, index) => ({ Id: `d${index}`, ReceiptHandle: message.ReceiptHandle! })),
          { Id: 'bad', ReceiptHandle: 'garbage' },
        ],
      }),
    );
    expect(deleted.Successful).toHaveLength(2);
    expect(deleted.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid' })]);
    expect(await notVisibleCount(client, workUrl)).toBe(0);

    const tooMany = Array.from({ length: 11 }, (_, index) => ({ Id: `e${index}`, MessageBody: 'x' }));
    await expect(client.send(new SendMessageBatchCommand({ QueueUrl: workUrl, Entries: tooMany }))).rejects.toBeInstanceOf(
      TooManyEntriesInBatchRequest,
    );
    await expect(client.send(new DeleteMessageBatchCommand({ QueueUrl: workUrl, Entries: [] }))).rejects.toMatchObject({
      name: 'EmptyBatchRequest',
      message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
    });
  });

  it('changes the visibility of an in-flight message, making it receivable again at 0', async () => {
    await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'retry me' }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl }));
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl }))).Messages).toBeUndefined();

    await client.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: workUrl, ReceiptHandle: received.Messages![0].ReceiptHandle!, VisibilityTimeout: 0 }),
    );
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl }));
    expect(again.Messages?.[0].Body).toBe('retry me');

    await expect(
      client.send(new ChangeMessageVisibilityCommand({ QueueUrl: workUrl, ReceiptHandle: received.Messages![0].ReceiptHandle!, VisibilityTimeout: 10 })),
    ).rejects.toMatchObject({ name: 'MessageNotInflight' });
  });

  it('changes visibilities in a batch, reporting a malformed or stale handle as that entry\'s failure', async () => {
    for (const body of ['first', 'second']) await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: body }));
    const received = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10 }));
    const handleOf = (body: string): string => received.Messages!.find((message) => message.Body === body)!.ReceiptHandle!;

    const changed = await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: workUrl,
        Entries: [
          { Id: 'release', ReceiptHandle: handleOf('first'), VisibilityTimeout: 0 },
          { Id: 'extend', ReceiptHandle: handleOf('second'), VisibilityTimeout: 600 },
          { Id: 'malformed', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
          { Id: 'too-long', ReceiptHandle: handleOf('second'), VisibilityTimeout: 43_201 },
        ],
      }),
    );
    expect(changed.Successful).toEqual([{ Id: 'release' }, { Id: 'extend' }]);
    expect(changed.Failed).toEqual([
      { Id: 'malformed', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "garbage" is not a valid receipt handle.' },
      expect.objectContaining({ Id: 'too-long', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10 }));
    expect(again.Messages?.map((message) => message.Body)).toEqual(['first']);

    // The first receive's handle of 'first' is stale now that it was received again.
    const stale = await client.send(
      new ChangeMessageVisibilityBatchCommand({ QueueUrl: workUrl, Entries: [{ Id: 'stale', ReceiptHandle: handleOf('first'), VisibilityTimeout: 0 }] }),
    );
    expect(stale.Successful ?? []).toEqual([]);
    expect(stale.Failed).toEqual([expect.objectContaining({ Id: 'stale', SenderFault: true, Code: 'MessageNotInflight' })]);
  });

  it('refuses a ChangeMessageVisibilityBatch that breaks the batch rules as a whole', async () => {
    const entry = (id: string) => ({ Id: id, ReceiptHandle: 'garbage', VisibilityTimeout: 0 });
    const change = (entries: { Id: string; ReceiptHandle: string; VisibilityTimeout?: number }[]) =>
      client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: workUrl, Entries: entries }));

    await expect(change([])).rejects.toMatchObject({
      name: 'EmptyBatchRequest',
      message: 'There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.',
    });
    await expect(change(Array.from({ length: 11 }, (_, index) => entry(`e${index}`)))).rejects.toBeInstanceOf(TooManyEntriesInBatchRequest);
    await expect(change([entry('same'), entry('same')])).rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
    await expect(change([entry('not valid!')])).rejects.toMatchObject({ name: 'InvalidBatchEntryId' });
    await expect(change([{ Id: 'no-timeout', ReceiptHandle: 'garbage' }])).rejects.toMatchObject({
      name: 'MissingParameter',
      message: 'The request must contain the parameter ChangeMessageVisibilityBatchRequestEntry.VisibilityTimeout.',
    });
    await expect(
      client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: `${endpoint.url}/${ACCOUNT}/missing`, Entries: [entry('a')] })),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  /** Resolves once a long poll is parked on the queue: its wait is the one timer on the clock. */
  const longPollParked = () => waitFor('the long poll to wait on the queue', () => clock.pendingTimers === 1, { timeoutMs: 10_000, intervalMs: 10 });

  it('delays a message by DelaySeconds and counts it as delayed meanwhile', async () => {
    await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'later', DelaySeconds: 1 }));
    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }));
    expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessagesDelayed: '1' });
    clock.advance(999);
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl }))).Messages).toBeUndefined();
    clock.advance(1);
    expect((await client.send(new ReceiveMessageCommand({ QueueUrl: workUrl }))).Messages?.[0].Body).toBe('later');
  });

  it('long-polls until a message is sent', async () => {
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, WaitTimeSeconds: 10 }));
    await longPollParked();
    clock.advance(9_999);
    await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'woke you' }));
    const result = await polling;
    expect(result.Messages?.[0].Body).toBe('woke you');
  });

  it('returns an empty answer when a long poll times out', async () => {
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl: workUrl, WaitTimeSeconds: 1 }));
    await longPollParked();
    clock.advance(1_000);
    expect((await polling).Messages).toBeUndefined();
  });

  it('resolves queue URLs, lists queues by prefix and purges', async () => {
    const url = await client.send(new GetQueueUrlCommand({ QueueName: 'work-dlq' }));
    expect(url.QueueUrl).toBe(`${endpoint.url}/${ACCOUNT}/work-dlq`);
    const listed = await client.send(new ListQueuesCommand({ QueueNamePrefix: 'work' }));
    expect(listed.QueueUrls).toEqual([`${endpoint.url}/${ACCOUNT}/work`, `${endpoint.url}/${ACCOUNT}/work-dlq`]);
    const all = await client.send(new ListQueuesCommand({}));
    expect(all.QueueUrls).toHaveLength(3);
    const paged = await client.send(new ListQueuesCommand({ MaxResults: 2 }));
    expect(paged.QueueUrls).toHaveLength(2);
    const rest = await client.send(new ListQueuesCommand({ MaxResults: 2, NextToken: paged.NextToken }));
    expect(rest.QueueUrls).toEqual([`${endpoint.url}/${ACCOUNT}/other`]);

    // Any host reaches the same queue: only the path names it.
    await client.send(new SendMessageCommand({ QueueUrl: `http://sqs.${REGION}.localhost:4566/${ACCOUNT}/work`, MessageBody: 'a' }));
    await client.send(new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'b' }));
    await client.send(new PurgeQueueCommand({ QueueUrl: workUrl }));
    const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ['ApproximateNumberOfMessages'] }));
    expect(attributes.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it('rejects an unknown attribute name', async () => {
    await expect(
      client.send(new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ['NoSuchAttribute' as 'All'] })),
    ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
  });
});

async function notVisibleCount(client: SQSClient, queueUrl: string): Promise<number> {
  const attributes = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }));
  return Number(attributes.Attributes?.ApproximateNumberOfMessagesNotVisible);
}
