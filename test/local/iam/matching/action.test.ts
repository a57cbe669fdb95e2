import { actionMatches, statementCoversAction } from '../../../../local/iam/matching/action';
import type { Statement } from '../../../../local/iam/policy/policy-types';

/** IAM JSON policy elements: Action and NotAction. */
describe('Action matching', () => {
  test.each([
    ['sqs:SendMessage', 'sqs:SendMessage', true],
    // "Action names are case-insensitive": the service prefix and the action alike.
    ['SQS:sendmessage', 'sqs:SendMessage', true],
    ['sqs:*', 'sqs:SendMessage', true],
    ['*', 'dynamodb:PutItem', true],
    ['sqs:Send*', 'sqs:SendMessage', true],
    ['sqs:*Message', 'sqs:ReceiveMessage', true],
    ['sqs:*Message', 'sqs:GetQueueUrl', false],
    ['iam:*AccessKey*', 'iam:CreateAccessKey', true],
    ['sqs:?endMessage', 'sqs:SendMessage', true],
    ['sqs:?endMessage', 'sqs:SSendMessage', false],
    ['sqs:SendMessage', 'sqs:SendMessageBatch', false],
    ['sns:*', 'sqs:SendMessage', false],
    // A dot in an action is literal, not "any character".
    ['s3:Get.bject', 's3:GetObject', false],
  ])('%s covers %s: %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });

  const statement = (element: Partial<Statement>): Statement => ({ effect: 'Allow', conditions: [], origin: { policy: 'p', index: 0 }, ...element });

  test('a statement with Action covers what one of its entries names', () => {
    expect(statementCoversAction(statement({ actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'] }), 'sqs:ReceiveMessage')).toBe(true);
    expect(statementCoversAction(statement({ actions: ['sqs:SendMessage'] }), 'sqs:DeleteMessage')).toBe(false);
  });

  test('a statement with NotAction covers every action its entries do not name', () => {
    const exceptIam = statement({ notActions: ['iam:*'] });
    expect(statementCoversAction(exceptIam, 'sqs:SendMessage')).toBe(true);
    expect(statementCoversAction(exceptIam, 'iam:CreateUser')).toBe(false);
  });
});
