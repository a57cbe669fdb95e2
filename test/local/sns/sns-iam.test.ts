import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { startInlineStack, type InlineStack } from '../../../support/inline-stack';
import { receiveAtLeast } from '../../../support/observers/queues';
import { waitFor } from '../../../support/waiting';

const TOPIC_ARN = 'arn:aws:sns:us-east-1:000000000000:signups';

/** A queue subscribed to the topic, with a queue policy for SNS only when `allowSns`. */
function subscribedQueue(logicalId: string, name: string, allowSns: boolean) {
  return {
    [logicalId]: { Type: 'AWS::SQS::Queue', Properties: { QueueName: name } },
    [`${logicalId}Subscription`]: {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'Signups' }, Protocol: 'sqs', Endpoint: { 'Fn::GetAtt': [logicalId, 'Arn'] }, RawMessageDelivery: true },
    },
    ...(allowSns
      ? {
          [`${logicalId}Policy`]: {
            Type: 'AWS::SQS::QueuePolicy',
            Properties: {
              Queues: [{ Ref: logicalId }],
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'sns.amazonaws.com' },
                    Action: 'sqs:SendMessage',
                    Resource: { 'Fn::GetAtt': [logicalId, 'Arn'] },
                    Condition: { ArnEquals: { 'aws:SourceArn': { Ref: 'Signups' } } },
                  },
                ],
              },
            },
          },
        }
      : {}),
  };
}

/** SNS delivers as sns.amazonaws.com, so a queue receives only what its queue policy lets SNS send, as in AWS. */
describe('SNS under local IAM', () => {
  let stack: InlineStack;
  let sns: SNSClient;
  let sqs: SQSClient;

  beforeAll(async () => {
    stack = await startInlineStack(
      {
        Signups: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'signups' } },
        ...subscribedQueue('Allowed', 'signups-allowed', true),
        ...subscribedQueue('Unpermitted', 'signups-unpermitted', false),
      },
      { iam: 'enforce' },
    );
    sns = new SNSClient(stack.clientConfig);
    sqs = new SQSClient(stack.clientConfig);
  });
  afterAll(async () => {
    sns.destroy();
    sqs.destroy();
    await stack.stop();
  });

  it('delivers to the queue whose policy allows SNS for this topic, and refuses the queue without one', async () => {
    await sns.send(new PublishCommand({ TopicArn: TOPIC_ARN, Message: 'first signup' }));

    expect((await receiveAtLeast(sqs, 'signups-allowed', 1)).map((message) => message.Body)).toEqual(['first signup']);
    const lost = await waitFor('the refused delivery to be logged', () => stack.logs.find((line) => line.startsWith('sns: LOST:') && line.includes('signups-unpermitted')));
    expect(lost).toMatch(/signups-unpermitted refused message .*User: sns\.amazonaws\.com is not authorized to perform: sqs:SendMessage/);
    expect(stack.logs).toContainEqual(expect.stringMatching(/^iam: refused: User: sns\.amazonaws\.com .* sqs:SendMessage on resource: .*:signups-unpermitted because no resource-based policy allows/));
  });
});
