import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { REDELIVERY_IGNORED } from '../../../services/audit-log/log-messages';
import { captureLogs, type CapturedLogs } from '../../../support/capture-logs';
import { answerGenerateMacWithFakeKey, fakeHmacHex, TEST_HMAC_KEY_ARN } from '../../../support/fake-hmac-key';
import { eventBridgeEvent, userCreatedDetail } from '../../../support/lambda-events';
import { lambdaContext } from '../../../support/lambda-fixtures';

const dynamodb = mockClient(DynamoDBClient);
const kms = mockClient(KMSClient);

let handler: (event: unknown, context: Context) => Promise<string>;
let logs: CapturedLogs;

beforeAll(async () => {
  process.env.AUDIT_TABLE_NAME = 'users-fanout-test-audit';
  process.env.EMAIL_HMAC_KEY_ARN = TEST_HMAC_KEY_ARN;
  process.env.AWS_REGION = 'us-east-1';
  ({ handler } = await import('../../../services/audit-log/handler'));
});

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(PutItemCommand).resolves({});
  kms.reset();
  answerGenerateMacWithFakeKey(kms);
  logs = captureLogs();
});

afterEach(() => {
  const output = logs.lines().join('\n');
  logs.restore();
  expect(output).not.toContain('@example.com');
});

describe('audit-log handler', () => {
  it('writes one append-only record: what, to whom, when, from where, with a keyed hash (HMAC) instead of the email', async () => {
    const detail = userCreatedDetail('u-1');
    jest.useFakeTimers({ now: new Date('2024-05-01T09:30:05.000Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await expect(handler(eventBridgeEvent(detail), lambdaContext)).resolves.toBe('written');
    } finally {
      jest.useRealTimers();
    }

    expect(dynamodb).toHaveReceivedCommandTimes(PutItemCommand, 1);
    expect(dynamodb).toHaveReceivedCommandWith(PutItemCommand, {
      TableName: 'users-fanout-test-audit',
      ConditionExpression: 'attribute_not_exists(eventId)',
      Item: marshall({
        userId: 'u-1',
        eventId: detail.metadata.eventId,
        detailType: 'UserCreated',
        source: 'users-fanout.users',
        schemaVersion: '1',
        idempotencyKey: 'user-created:stream-u-1',
        occurredAt: '2024-05-01T09:30:00.000Z',
        recordedAt: '2024-05-01T09:30:05.000Z',
        emailHmac: fakeHmacHex('u-1@example.com'),
      }),
    });
    expect(kms).toHaveReceivedCommandWith(GenerateMacCommand, { KeyId: TEST_HMAC_KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' });
    const item = unmarshall(dynamodb.commandCalls(PutItemCommand)[0].args[0].input.Item ?? {});
    expect(JSON.stringify(item)).not.toContain('@');
    expect(item).not.toHaveProperty('emailSha256');
  });

  it('writes nothing and fails the invocation when KMS cannot compute the HMAC, so Lambda retries it', async () => {
    kms.on(GenerateMacCommand).rejects(Object.assign(new Error('Key is disabled'), { name: 'DisabledException' }));

    await expect(handler(eventBridgeEvent(userCreatedDetail('u-1')), lambdaContext)).rejects.toThrow('Key is disabled');
    expect(dynamodb).not.toHaveReceivedCommand(PutItemCommand);
  });

  it('treats a failed condition as a redelivery: nothing new written, and success', async () => {
    dynamodb.on(PutItemCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    await expect(handler(eventBridgeEvent(userCreatedDetail('u-1')), lambdaContext)).resolves.toBe('duplicate');

    const redelivery = logs.entries().find((entry) => entry.message === REDELIVERY_IGNORED);
    expect(redelivery).toMatchObject({ userId: 'u-1', correlation_id: 'user-created:stream-u-1' });
  });

  it('lets other write errors fail the invocation, so Lambda retries it', async () => {
    dynamodb.on(PutItemCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' }));

    await expect(handler(eventBridgeEvent(userCreatedDetail('u-1')), lambdaContext)).rejects.toThrow('Rate exceeded');
  });

  it('fails an event that breaks the contract, naming the field, and writes nothing', async () => {
    const broken = eventBridgeEvent(userCreatedDetail('u-1', { email: 'not-an-email' }));

    await expect(handler(broken, lambdaContext)).rejects.toThrow(
      'event detail does not match the UserCreated contract: data.email: Invalid email address',
    );
    expect(dynamodb).not.toHaveReceivedCommand(PutItemCommand);
    expect(logs.entries().find((entry) => entry.level === 'ERROR')).toMatchObject({
      reason: 'event detail does not match the UserCreated contract: data.email: Invalid email address',
    });
  });

  it('fails an event of another source or detail-type', async () => {
    const other = { ...eventBridgeEvent(userCreatedDetail('u-1')), 'detail-type': 'UserDeleted' };

    await expect(handler(other, lambdaContext)).rejects.toThrow(
      'event: expected source "users-fanout.users" and detail-type "UserCreated", received "users-fanout.users" and "UserDeleted"',
    );
  });
});
