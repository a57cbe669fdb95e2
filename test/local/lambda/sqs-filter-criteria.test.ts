import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SqsEventRecord } from '../../../local/lambda';
import { TemplateError } from '../../../local/template/cfn-types';
import { recorded, recorderFunction, startInlineStack, temporaryLogFile, type InlineStack } from '../../../support/inline-stack';
import { waitFor } from '../../../support/waiting';

const FILTERS = [
  // A JSON body.
  { body: { kind: ['order'] } },
  // A plain-string body.
  { body: [{ prefix: 'urgent:' }] },
  // Message attributes, as the SQS event record carries them.
  { messageAttributes: { source: { stringValue: ['crm'] } } },
];

function template(logFile: string, filters: unknown[] = FILTERS) {
  return {
    Work: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'filtered-work' } },
    Consumer: recorderFunction('filtered-consumer', 'record', logFile),
    Mapping: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: {
        FunctionName: { Ref: 'Consumer' },
        EventSourceArn: { 'Fn::GetAtt': ['Work', 'Arn'] },
        BatchSize: 10,
        FilterCriteria: { Filters: filters.map((pattern) => ({ Pattern: JSON.stringify(pattern) })) },
      },
    },
  };
}

describe('SQS event source mapping FilterCriteria, through the endpoint', () => {
  let stack: InlineStack | undefined;
  let sqs: SQSClient | undefined;
  afterEach(async () => {
    sqs?.destroy();
    await stack?.stop();
    stack = undefined;
  });

  it('delivers matching messages, and deletes the others without delivering them', async () => {
    const logFile = temporaryLogFile();
    stack = await startInlineStack(template(logFile));
    sqs = new SQSClient(stack.clientConfig);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'filtered-work' }));
    const bodies = [
      ['json-match', '{"kind":"order","id":1}'],
      ['json-other', '{"kind":"refund","id":2}'],
      ['plain-match', 'urgent: call the customer'],
      ['plain-other', 'routine: nothing to do'],
      // Valid JSON against a plain-string pattern: Lambda drops it for the format mismatch.
      ['json-string', '"urgent: quoted JSON string"'],
      // Plain text against a JSON pattern.
      ['plain-vs-json', 'kind=order'],
    ];
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          ...bodies.map(([Id, MessageBody]) => ({ Id, MessageBody })),
          // The sentinel comes last: once it is delivered, every message before it has been filtered.
          { Id: 'attribute-sentinel', MessageBody: 'from the crm', MessageAttributes: { source: { DataType: 'String', StringValue: 'crm' } } },
        ],
      }),
    );

    const delivered = await waitFor('the sentinel to be delivered', () => {
      const bodiesSeen = recorded<{ Records: SqsEventRecord[] }>(logFile).flatMap((event) => event.Records.map((record) => record.body));
      return bodiesSeen.includes('from the crm') ? bodiesSeen : undefined;
    });
    expect(delivered.sort()).toEqual(['from the crm', 'urgent: call the customer', '{"kind":"order","id":1}'].sort());

    // Dropped messages are deleted, not left to come back after their visibility timeout.
    const attributes = await waitFor('the queue to be empty', async () => {
      const { Attributes } = await (sqs as SQSClient).send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Attributes?.ApproximateNumberOfMessagesNotVisible === '0' ? Attributes : undefined;
    });
    expect(attributes.ApproximateNumberOfMessages).toBe('0');
  });

  it('refuses a filter Lambda would refuse, naming the mapping', async () => {
    await expect(startInlineStack(template(temporaryLogFile(), [{ body: { kind: 'order' } }]))).rejects.toThrow(
      new TemplateError('Mapping (AWS::Lambda::EventSourceMapping): FilterCriteria that Lambda would refuse: Event pattern is not valid. Reason: "kind" must be an object or an array'),
    );
  });
});
