import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { createHash } from 'node:crypto';
import { SQS_OPERATIONS } from '../../../local/sqs';
import { startInlineStack, type InlineStack } from '../../../support/inline-stack';
import { sigV4Headers } from '../../../support/sigv4';

const TEMPLATE = {
  Work: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'query-work', RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['WorkDlq', 'Arn'] }, maxReceiveCount: 1 } } },
  WorkDlq: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'query-work-dlq' } },
  Encrypted: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'query-encrypted', KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: 600 } },
  Plain: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'query-plain', SqsManagedSseEnabled: false } },
};

const XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';
const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('SQS over the query protocol, through the endpoint', () => {
  let stack: InlineStack;
  let sqs: SQSClient;
  let workUrl: string;
  const exercised = new Set<string>();

  beforeAll(async () => {
    stack = await startInlineStack(TEMPLATE);
    // The AWS SDK for JavaScript v3 with its query protocol: form-encoded, signed, XML back, as older clients speak it.
    sqs = new SQSClient({
      ...stack.clientConfig,
      protocol: AwsQueryProtocol as never,
      protocolSettings: { defaultNamespace: 'com.amazonaws.sqs', xmlNamespace: XML_NAMESPACE, version: '2012-11-05' } as never,
    });
    workUrl = `${stack.runtime.endpoint}/000000000000/query-work`;
  });
  afterAll(async () => {
    sqs.destroy();
    await stack.stop();
  });

  const send = async <T>(name: string, command: { input: unknown }): Promise<T> => {
    exercised.add(name);
    return sqs.send(command as never) as Promise<T>;
  };

  it('serves every SQS operation to an SDK client speaking the query protocol', async () => {
    expect(await send('GetQueueUrl', new GetQueueUrlCommand({ QueueName: 'query-work' }))).toMatchObject({ QueueUrl: workUrl });
    expect(await send('ListQueues', new ListQueuesCommand({ QueueNamePrefix: 'query-' }))).toMatchObject({
      QueueUrls: ['query-work', 'query-work-dlq', 'query-encrypted', 'query-plain'].map((name) => `${stack.runtime.endpoint}/000000000000/${name}`),
    });

    const sent = await send<{ MD5OfMessageBody: string }>(
      'SendMessage',
      new SendMessageCommand({ QueueUrl: workUrl, MessageBody: 'first & <second>', MessageAttributes: { kind: { DataType: 'String', StringValue: 'a "quoted" kind' } } }),
    );
    expect(sent.MD5OfMessageBody).toBe(md5('first & <second>'));
    const batch = await send<{ Successful: unknown[]; Failed: unknown[] }>(
      'SendMessageBatch',
      new SendMessageBatchCommand({ QueueUrl: workUrl, Entries: [{ Id: 'ok', MessageBody: 'third' }, { Id: 'late', MessageBody: 'x', DelaySeconds: 901 }] }),
    );
    expect(batch.Successful).toHaveLength(1);
    expect(batch.Failed).toEqual([{ Id: 'late', SenderFault: true, Code: 'InvalidParameterValue', Message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.' }]);

    const received = await send<{ Messages: Array<{ Body: string; ReceiptHandle: string; MessageAttributes?: unknown; Attributes?: Record<string, string> }> }>(
      'ReceiveMessage',
      new ReceiveMessageCommand({ QueueUrl: workUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
    );
    expect(received.Messages.map((message) => message.Body)).toEqual(['first & <second>', 'third']);
    expect(received.Messages[0].MessageAttributes).toEqual({ kind: { DataType: 'String', StringValue: 'a "quoted" kind' } });
    expect(received.Messages[0].Attributes?.ApproximateReceiveCount).toBe('1');

    const [first, second] = received.Messages;
    await send('ChangeMessageVisibility', new ChangeMessageVisibilityCommand({ QueueUrl: workUrl, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 60 }));
    const changed = await send<{ Successful: unknown[] }>(
      'ChangeMessageVisibilityBatch',
      new ChangeMessageVisibilityBatchCommand({ QueueUrl: workUrl, Entries: [{ Id: 'second', ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 60 }] }),
    );
    expect(changed.Successful).toEqual([{ Id: 'second' }]);
    await send('DeleteMessage', new DeleteMessageCommand({ QueueUrl: workUrl, ReceiptHandle: first.ReceiptHandle }));
    const deleted = await send<{ Successful: unknown[] }>('DeleteMessageBatch', new DeleteMessageBatchCommand({ QueueUrl: workUrl, Entries: [{ Id: 'second', ReceiptHandle: second.ReceiptHandle }] }));
    expect(deleted.Successful).toEqual([{ Id: 'second' }]);

    const attributes = await send<{ Attributes: Record<string, string> }>('GetQueueAttributes', new GetQueueAttributesCommand({ QueueUrl: workUrl, AttributeNames: ['All'] }));
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', RedrivePolicy: expect.stringContaining('query-work-dlq') });

    await sqs.send(new SendMessageCommand({ QueueUrl: `${stack.runtime.endpoint}/000000000000/query-work-dlq`, MessageBody: 'parked' }));
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:query-work-dlq';
    const task = await send<{ TaskHandle: string }>('StartMessageMoveTask', new StartMessageMoveTaskCommand({ SourceArn: dlqArn, DestinationArn: 'arn:aws:sqs:us-east-1:000000000000:query-work' }));
    expect(task.TaskHandle).toEqual(expect.any(String));
    const tasks = await send<{ Results: unknown[] }>('ListMessageMoveTasks', new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    expect(tasks.Results).toEqual([expect.objectContaining({ Status: 'COMPLETED', SourceArn: dlqArn, ApproximateNumberOfMessagesMoved: 1 })]);

    await send('PurgeQueue', new PurgeQueueCommand({ QueueUrl: workUrl }));
    expect(new Set(exercised)).toEqual(new Set(Object.keys(SQS_OPERATIONS)));
  });

  it('answers errors in XML with the codes query clients know', async () => {
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' }))).rejects.toMatchObject({ name: 'QueueDoesNotExist', Code: 'AWS.SimpleQueueService.NonExistentQueue' });
    await sqs.send(new PurgeQueueCommand({ QueueUrl: `${stack.runtime.endpoint}/000000000000/query-plain` }));
    await expect(sqs.send(new PurgeQueueCommand({ QueueUrl: `${stack.runtime.endpoint}/000000000000/query-plain` }))).rejects.toMatchObject({
      name: 'PurgeQueueInProgress',
      message: 'Only one PurgeQueue operation on query-plain is allowed every 60 seconds.',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('reports the encryption the template set', async () => {
    const attributes = async (name: string) =>
      (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${stack.runtime.endpoint}/000000000000/${name}`, AttributeNames: ['All'] }))).Attributes;
    expect(await attributes('query-encrypted')).toMatchObject({ SqsManagedSseEnabled: 'false', KmsMasterKeyId: 'alias/aws/sqs', KmsDataKeyReusePeriodSeconds: '600' });
    expect(await attributes('query-plain')).toMatchObject({ SqsManagedSseEnabled: 'false' });
    expect((await attributes('query-plain'))?.KmsMasterKeyId).toBeUndefined();
    expect(await attributes('query-work')).toMatchObject({ SqsManagedSseEnabled: 'true' });
  });

  it('takes raw form posts: signed to the endpoint, unsigned to the queue URL, and GET query strings', async () => {
    const signedBody = `Action=SendMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(workUrl)}&MessageBody=signed&MessageAttribute.1.Name=n&MessageAttribute.1.Value.DataType=Number&MessageAttribute.1.Value.StringValue=7`;
    const signedUrl = `${stack.runtime.endpoint}/`;
    const signed = await fetch(signedUrl, {
      method: 'POST',
      headers: sigV4Headers({ method: 'POST', url: signedUrl, body: signedBody, service: 'sqs', region: 'us-east-1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      body: signedBody,
    });
    expect(signed.status).toBe(200);
    const signedXml = await signed.text();
    expect(signedXml).toContain(`<SendMessageResponse xmlns="${XML_NAMESPACE}"><SendMessageResult><MessageId>`);
    expect(signedXml).toContain(`<MD5OfMessageBody>${md5('signed')}</MD5OfMessageBody>`);

    const unsigned = await fetch(workUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=SendMessage&MessageBody=unsigned' });
    expect(await unsigned.text()).toContain(`<MD5OfMessageBody>${md5('unsigned')}</MD5OfMessageBody>`);

    const got = await fetch(`${workUrl}?Action=ReceiveMessage&MaxNumberOfMessages=10&AttributeName.1=All&MessageAttributeName.1=All`);
    const xml = await got.text();
    expect(xml).toMatch(/<ReceiveMessageResult><Message><MessageId>[^<]+<\/MessageId><ReceiptHandle>/);
    expect(xml).toContain('<Body>signed</Body>');
    expect(xml).toContain('<Body>unsigned</Body>');
    expect(xml).toContain('<MessageAttribute><Name>n</Name><Value><DataType>Number</DataType><StringValue>7</StringValue></Value></MessageAttribute>');
    expect(xml).toContain('<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>');
    expect(xml).toContain('<ResponseMetadata><RequestId>');

    const unknown = await fetch(workUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=CreateQueue&QueueName=x' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(
      new RegExp(`^<\\?xml version="1.0"\\?><ErrorResponse xmlns="${XML_NAMESPACE.replace(/\./g, '\\.')}"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>The action CreateQueue is not valid for this endpoint.</Message>`),
    );
    const missing = await fetch(`${stack.runtime.endpoint}/000000000000/absent`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetQueueAttributes' });
    expect(await missing.text()).toContain('<Code>AWS.SimpleQueueService.NonExistentQueue</Code>');
  });
});
