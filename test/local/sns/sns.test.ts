import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  PublishBatchCommand,
  PublishCommand,
  SNSClient,
  type MessageAttributeValue,
} from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { TemplateError } from '../../../local/template/cfn-types';
import { recorded, recorderFunction, startInlineStack, temporaryLogFile, type InlineStack } from '../../../support/inline-stack';
import { receiveAtLeast } from '../../../support/observers/queues';
import { waitFor } from '../../../support/waiting';

const queue = (name: string) => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: name } });
const queueArn = (logicalId: string) => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

function template(logFile: string) {
  return {
    Orders: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'orders' } },
    RawQueue: queue('orders-raw'),
    AllQueue: queue('orders-all'),
    BodyQueue: queue('orders-body'),
    LostDlq: queue('orders-lost-dlq'),
    Consumer: recorderFunction('orders-consumer', 'record', logFile),
    Failing: recorderFunction('orders-failing', 'fail', logFile),
    FailingConfig: {
      Type: 'AWS::Lambda::EventInvokeConfig',
      Properties: {
        FunctionName: { Ref: 'Failing' },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 0,
        DestinationConfig: { OnFailure: { Destination: { Ref: 'Orders' } } },
      },
    },
    Raw: {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'Orders' },
        Protocol: 'sqs',
        Endpoint: queueArn('RawQueue'),
        RawMessageDelivery: true,
        FilterPolicy: { store: ['example_corp'], price_usd: [{ numeric: ['>=', 100] }] },
      },
    },
    All: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Orders' }, Protocol: 'sqs', Endpoint: queueArn('AllQueue') } },
    Body: {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'Orders' },
        Protocol: 'sqs',
        Endpoint: queueArn('BodyQueue'),
        RawMessageDelivery: 'true',
        FilterPolicyScope: 'MessageBody',
        FilterPolicy: JSON.stringify({ kind: ['order'], customer: { tier: [{ prefix: 'gold' }] } }),
      },
    },
    Function: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Orders' }, Protocol: 'lambda', Endpoint: { 'Fn::GetAtt': ['Consumer', 'Arn'] }, FilterPolicy: { interests: ['rugby'] } },
    },
    Lost: {
      Type: 'AWS::SNS::Subscription',
      Properties: {
        TopicArn: { Ref: 'Orders' },
        Protocol: 'sqs',
        Endpoint: 'arn:aws:sqs:us-east-1:000000000000:no-such-queue',
        FilterPolicy: { store: ['lost'] },
        RedrivePolicy: { deadLetterTargetArn: queueArn('LostDlq') },
      },
    },
    Mail: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'Orders' }, Protocol: 'email', Endpoint: 'ops@example.com' } },
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shop' } },
    ToTopic: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventBusName: { Ref: 'Bus' },
        EventPattern: { source: ['shop'] },
        Targets: [{ Id: 'orders', Arn: { Ref: 'Orders' }, InputPath: '$.detail' }],
      },
    },
  };
}

const string = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: value });

describe('SNS topics, subscriptions and filter policies, through the endpoint', () => {
  let stack: InlineStack;
  let sns: SNSClient;
  let sqs: SQSClient;
  const logFile = temporaryLogFile();
  const topicArn = 'arn:aws:sns:us-east-1:000000000000:orders';

  beforeAll(async () => {
    stack = await startInlineStack(template(logFile));
    sns = new SNSClient(stack.clientConfig);
    sqs = new SQSClient(stack.clientConfig);
  });
  afterAll(async () => {
    sns.destroy();
    sqs.destroy();
    await stack.stop();
  });

  const drain = (queueName: string, atLeast: number) => receiveAtLeast(sqs, queueName, atLeast);

  it('fans a message out to the subscriptions whose filter policy it passes, in each one\'s delivery format', async () => {
    const matching = JSON.stringify({ kind: 'order', customer: { tier: 'gold-plus' } });
    const first = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Subject: 'New order',
        Message: matching,
        MessageAttributes: {
          store: string('example_corp'),
          price_usd: { DataType: 'Number', StringValue: '210.75' },
          interests: { DataType: 'String.Array', StringValue: '["soccer", "rugby"]' },
        },
      }),
    );
    // Passes no filter but the unfiltered subscription's: the wrong store, a low price, a refund, no rugby.
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: JSON.stringify({ kind: 'refund', customer: { tier: 'gold' } }),
        MessageAttributes: { store: string('other_corp'), price_usd: { DataType: 'Number', StringValue: '5' } },
      }),
    );
    // The sentinel: the unfiltered queue holds both messages only after both publishes fanned out.
    const all = await drain('orders-all', 2);
    const envelope = JSON.parse(all.find((message) => message.Body?.includes(first.MessageId as string))?.Body as string);
    expect(envelope).toEqual({
      Type: 'Notification',
      MessageId: first.MessageId,
      TopicArn: topicArn,
      Subject: 'New order',
      Message: matching,
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      SignatureVersion: '1',
      Signature: expect.any(String),
      SigningCertURL: expect.any(String),
      UnsubscribeURL: expect.stringContaining('Action=Unsubscribe'),
      MessageAttributes: {
        store: { Type: 'String', Value: 'example_corp' },
        price_usd: { Type: 'Number', Value: '210.75' },
        interests: { Type: 'String.Array', Value: '["soccer", "rugby"]' },
      },
    });

    const raw = await drain('orders-raw', 1);
    expect(raw.map((message) => message.Body)).toEqual([matching]);
    expect(raw[0].MessageAttributes?.price_usd).toEqual({ DataType: 'Number', StringValue: '210.75' });
    expect((await drain('orders-body', 1)).map((message) => message.Body)).toEqual([matching]);

    const invocation = await waitFor('the function to be invoked', () => recorded<{ Records: Array<{ EventSource: string; Sns: Record<string, unknown> }> }>(logFile)[0]);
    expect(invocation.Records).toHaveLength(1);
    expect(invocation.Records[0]).toMatchObject({
      EventSource: 'aws:sns',
      EventSubscriptionArn: expect.stringMatching(/^arn:aws:sns:us-east-1:000000000000:orders:[0-9a-f-]{36}$/),
      Sns: { Type: 'Notification', MessageId: first.MessageId, Message: matching, Subject: 'New order', MessageAttributes: { store: { Type: 'String', Value: 'example_corp' } } },
    });
    expect(recorded(logFile)).toHaveLength(1);
  });

  it('MessageStructure json gives each protocol its own message', async () => {
    await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        MessageStructure: 'json',
        Message: JSON.stringify({ default: 'for anyone', sqs: 'for queues' }),
        MessageAttributes: { store: string('example_corp'), price_usd: { DataType: 'Number', StringValue: '100' } },
      }),
    );
    expect((await drain('orders-raw', 1)).map((message) => message.Body)).toEqual(['for queues']);
  });

  it('a delivery its endpoint refuses goes to the subscription\'s dead-letter queue', async () => {
    const { MessageId } = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'nobody home', MessageAttributes: { store: string('lost') } }));
    const [dead] = await drain('orders-lost-dlq', 1);
    expect(JSON.parse(dead.Body as string)).toMatchObject({ Type: 'Notification', MessageId, Message: 'nobody home' });
    expect(dead.MessageAttributes?.ErrorCode?.StringValue).toBe('QueueDoesNotExist');
    expect(Object.keys(dead.MessageAttributes ?? {}).sort()).toEqual(['ErrorCode', 'ErrorMessage', 'RequestID']);
    await drain('orders-all', 1);
  });

  it('PublishBatch publishes each entry and reports a bad one alone', async () => {
    const result = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: [
          { Id: 'good', Message: 'batched' },
          { Id: 'bad', Message: 'typed badly', MessageAttributes: { price_usd: { DataType: 'Number', StringValue: 'ten' } } },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['good']);
    expect(result.Failed).toEqual([{ Id: 'bad', Code: 'InvalidParameterValue', Message: "Could not cast message attribute 'price_usd' value to number.", SenderFault: true }]);
    expect((await drain('orders-all', 1)).map((message) => JSON.parse(message.Body as string).Message)).toEqual(['batched']);
  });

  it('an EventBridge rule targets the topic', async () => {
    const events = new EventBridgeClient(stack.clientConfig);
    await events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'shop', Source: 'shop', DetailType: 'Sold', Detail: '{"sku":"A-1"}' }] }));
    events.destroy();
    const [message] = await drain('orders-all', 1);
    expect(JSON.parse(JSON.parse(message.Body as string).Message)).toEqual({ sku: 'A-1' });
  });

  it('a Lambda on-failure destination publishes the invocation record to the topic', async () => {
    const lambda = new LambdaClient(stack.clientConfig);
    await lambda.send(new InvokeCommand({ FunctionName: 'orders-failing', InvocationType: 'Event', Payload: Buffer.from('{"order":7}') }));
    lambda.destroy();
    const [message] = await drain('orders-all', 1);
    expect(JSON.parse(JSON.parse(message.Body as string).Message)).toMatchObject({
      requestPayload: { order: 7 },
      requestContext: { condition: 'RetriesExhausted', functionArn: expect.stringContaining(':function:orders-failing') },
    });
  });

  it('lists topics and subscriptions, and shows a subscription\'s attributes', async () => {
    expect((await sns.send(new ListTopicsCommand({}))).Topics).toEqual([{ TopicArn: topicArn }]);
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(Subscriptions?.map((subscription) => subscription.Protocol).sort()).toEqual(['lambda', 'sqs', 'sqs', 'sqs', 'sqs']);
    const raw = Subscriptions?.find((subscription) => subscription.Endpoint?.endsWith(':orders-raw'));
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: raw?.SubscriptionArn }));
    expect(Attributes).toMatchObject({ RawMessageDelivery: 'true', FilterPolicyScope: 'MessageAttributes', FilterPolicy: '{"store":["example_corp"],"price_usd":[{"numeric":[">=",100]}]}' });
  });

  it('answers SNS\'s errors', async () => {
    await expect(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:000000000000:nope', Message: 'x' }))).rejects.toMatchObject({ name: 'NotFoundException', message: 'Topic does not exist' });
    await expect(sns.send(new PublishCommand({ TopicArn: topicArn, Message: '' }))).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Invalid parameter: Empty message' });
    await expect(sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'x', MessageStructure: 'json' }))).rejects.toMatchObject({
      message: 'Invalid parameter: Message Structure - JSON message body failed to parse',
    });
  });

  it('names the subscription it does not deliver in a warning', () => {
    expect(stack.runtime.model.warnings).toContain('Mail (AWS::SNS::Subscription): protocol email (ops@example.com) is not delivered locally, only sqs and lambda; skipped');
  });
});

describe('SNS filter policies SNS would refuse', () => {
  const withPolicy = (policy: unknown, scope?: string) => ({
    Topic: { Type: 'AWS::SNS::Topic' },
    Work: queue('work'),
    Filtered: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Topic' }, Protocol: 'sqs', Endpoint: queueArn('Work'), FilterPolicy: policy, ...(scope ? { FilterPolicyScope: scope } : {}) },
    },
  });

  it.each([
    [{ a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] }, undefined, 'Filter policy can not have more than 5 keys'],
    [{ customer: { tier: ['gold'] } }, undefined, 'Filter policy scope MessageAttributes does not support nested filter policy'],
    [{ a: Array.from({ length: 20 }, (_, i) => `${i}`), b: Array.from({ length: 8 }, (_, i) => `${i}`) }, undefined, 'Filter policy is too complex'],
    [{ price: [{ numeric: ['>', 2e9] }] }, 'MessageBody', 'Value of 2000000000 is out of range; numbers must be within -1000000000 and 1000000000'],
  ])('refuses %j', async (policy, scope, reason) => {
    await expect(startInlineStack(withPolicy(policy, scope))).rejects.toThrow(new TemplateError(`Filtered (AWS::SNS::Subscription): Invalid parameter: FilterPolicy: ${reason}`));
  });
});
