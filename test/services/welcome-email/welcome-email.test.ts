import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { MessageRejected, SESClient, SESServiceException, SendEmailCommand } from '@aws-sdk/client-ses';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SQSEvent, SQSBatchResponse, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { DUPLICATE_SUPPRESSED, SEND_WILL_BE_RETRIED } from '../../../services/welcome-email/log-messages';
import { captureLogs, type CapturedLogs } from '../../../support/capture-logs';
import { answerGenerateMacWithFakeKey, fakeHmacHex, TEST_HMAC_KEY_ARN } from '../../../support/fake-hmac-key';
import { eventBridgeEvent, sqsEvent, sqsRecord, userCreatedDetail } from '../../../support/lambda-events';
import { lambdaContext } from '../../../support/lambda-fixtures';

const ses = mockClient(SESClient);
const dynamodb = mockClient(DynamoDBClient);
const kms = mockClient(KMSClient);

let handler: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
let logs: CapturedLogs;

/** The idempotency record id Powertools derives: fixed prefix + MD5 (base64) of the JSON idempotency key. */
function idempotencyId(idempotencyKey: string): string {
  return `welcome-email#${createHash('md5').update(JSON.stringify(idempotencyKey)).digest('base64')}`;
}

beforeAll(async () => {
  process.env.SENDER_EMAIL = 'welcome@example.com';
  process.env.IDEMPOTENCY_TABLE_NAME = 'users-fanout-test-idempotency';
  process.env.IDEMPOTENCY_TTL_SECONDS = '172800';
  // Unpaced, so that only the send lock can hold back a second send (the pace has its own tests).
  process.env.MIN_SEND_INTERVAL_MS = '0';
  process.env.EMAIL_HMAC_KEY_ARN = TEST_HMAC_KEY_ARN;
  process.env.AWS_REGION = 'us-east-1';
  ({ handler } = await import('../../../services/welcome-email/handler'));
});

beforeEach(() => {
  ses.reset();
  dynamodb.reset();
  dynamodb.on(PutItemCommand).resolves({});
  dynamodb.on(UpdateItemCommand).resolves({});
  dynamodb.on(DeleteItemCommand).resolves({});
  ses.on(SendEmailCommand).resolves({ MessageId: 'ses-message-1' });
  kms.reset();
  answerGenerateMacWithFakeKey(kms);
  logs = captureLogs();
});

afterEach(() => {
  const output = logs.lines().join('\n');
  logs.restore();
  // The rule of the house, checked after every scenario: no address of any test user in any log line.
  expect(output).not.toMatch(/u-\d+@example\.com/);
});

describe('welcome-email handler', () => {
  it('sends one email with HTML and text bodies from the configured sender', async () => {
    const detail = userCreatedDetail('u-1', { givenName: 'Ada <script>' });

    const response = await handler(sqsEvent(sqsRecord('m-1', eventBridgeEvent(detail))), lambdaContext);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    const input = ses.commandCalls(SendEmailCommand)[0].args[0].input;
    expect(input.Source).toBe('welcome@example.com');
    expect(input.Destination).toEqual({ ToAddresses: ['u-1@example.com'] });
    expect(input.Message?.Body?.Html?.Data).toContain('<h1>Welcome, Ada &lt;script&gt;!</h1>');
    expect(input.Message?.Body?.Text?.Data).toContain('Welcome, Ada <script>!');
  });

  it('locks the idempotency key before sending and stores the outcome afterwards', async () => {
    const detail = userCreatedDetail('u-1');

    await handler(sqsEvent(sqsRecord('m-1', eventBridgeEvent(detail))), lambdaContext);

    const put = dynamodb.commandCalls(PutItemCommand)[0].args[0].input;
    expect(put.TableName).toBe('users-fanout-test-idempotency');
    expect(unmarshall(put.Item ?? {})).toMatchObject({ id: idempotencyId('user-created:stream-u-1'), status: 'INPROGRESS' });
    expect(put.ConditionExpression).toContain('attribute_not_exists(#id)');
    const expiry = unmarshall(put.Item ?? {}).expiration as number;
    expect(expiry - Date.now() / 1000).toBeGreaterThan(172_800 - 60);

    const update = dynamodb.commandCalls(UpdateItemCommand)[0].args[0].input;
    expect(unmarshall(update.Key ?? {})).toEqual({ id: idempotencyId('user-created:stream-u-1') });
    expect(unmarshall(update.ExpressionAttributeValues ?? {})).toMatchObject({
      ':status': 'COMPLETED',
      ':response_data': { outcome: 'sent', messageId: 'ses-message-1' },
    });
  });

  it('sends nothing for a redelivered event whose idempotency record is complete', async () => {
    const detail = userCreatedDetail('u-1');
    dynamodb.on(PutItemCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: marshall({
          id: idempotencyId('user-created:stream-u-1'),
          status: 'COMPLETED',
          expiration: Math.floor(Date.now() / 1000) + 3600,
          data: { outcome: 'sent', messageId: 'ses-message-0' },
        }),
      }),
    );

    const response = await handler(sqsEvent(sqsRecord('m-2', eventBridgeEvent(detail))), lambdaContext);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    const suppressed = logs.entries().find((entry) => entry.message === DUPLICATE_SUPPRESSED);
    expect(suppressed).toMatchObject({ userId: 'u-1', outcome: 'sent', correlation_id: 'user-created:stream-u-1' });
  });

  it('fails only the throttled message, releasing its idempotency lock so the retry can send', async () => {
    ses
      .on(SendEmailCommand, { Destination: { ToAddresses: ['u-2@example.com'] } })
      .rejects(new SESServiceException({ name: 'Throttling', $fault: 'client', $metadata: {}, message: 'Maximum sending rate exceeded.' }));

    const response = await handler(
      sqsEvent(
        sqsRecord('m-1', eventBridgeEvent(userCreatedDetail('u-1'))),
        sqsRecord('m-2', eventBridgeEvent(userCreatedDetail('u-2'))),
        sqsRecord('m-3', eventBridgeEvent(userCreatedDetail('u-3'))),
      ),
      lambdaContext,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 3);
    const deleted = dynamodb.commandCalls(DeleteItemCommand).map((call) => unmarshall(call.args[0].input.Key ?? {}));
    expect(deleted).toEqual([{ id: idempotencyId('user-created:stream-u-2') }]);
    const retryLog = logs.entries().find((entry) => entry.message === SEND_WILL_BE_RETRIED);
    expect(retryLog).toMatchObject({ userId: 'u-2', reason: 'Throttling: Maximum sending rate exceeded.' });
  });

  it('sends one email at a time, each only once the previous one\'s outcome is recorded, while the rest of the batch goes ahead', async () => {
    const steps: string[] = [];
    let releaseFirst = (): void => undefined;
    let firstStarted = (): void => undefined;
    const firstSendStarted = new Promise<void>((resolve) => (firstStarted = resolve));
    const userOf = (id: string): string => (id === idempotencyId('user-created:stream-u-1') ? 'u-1' : 'u-2');
    dynamodb.on(PutItemCommand).callsFake((input: { Item: Record<string, { S?: string }> }) => {
      steps.push(`in progress ${userOf(input.Item.id.S as string)}`);
      return Promise.resolve({});
    });
    dynamodb.on(UpdateItemCommand).callsFake((input: { Key: Record<string, { S?: string }> }) => {
      steps.push(`recorded ${userOf(input.Key.id.S as string)}`);
      return Promise.resolve({});
    });
    ses.on(SendEmailCommand).callsFake((input: { Destination: { ToAddresses: string[] } }) => {
      const user = input.Destination.ToAddresses[0].split('@')[0];
      steps.push(`send ${user}`);
      const answer = { MessageId: `ses-message-${user}` };
      if (user !== 'u-1') return Promise.resolve(answer);
      firstStarted();
      return new Promise((resolve) => (releaseFirst = () => resolve(answer)));
    });

    const handled = handler(
      sqsEvent(sqsRecord('m-1', eventBridgeEvent(userCreatedDetail('u-1'))), sqsRecord('m-2', eventBridgeEvent(userCreatedDetail('u-2')))),
      lambdaContext,
    );
    await firstSendStarted;
    // Every mock answers through promises and setImmediate callbacks, never timers: without the lock, the second
    // record would reach SES within these turns of the event loop. With it, it waits for the first send, held here.
    for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(steps).toEqual(['in progress u-1', 'in progress u-2', 'send u-1']);

    releaseFirst();
    expect(await handled).toEqual({ batchItemFailures: [] });
    expect(steps).toEqual(['in progress u-1', 'in progress u-2', 'send u-1', 'recorded u-1', 'send u-2', 'recorded u-2']);
  });

  it('records a permanent rejection as an outcome, without retrying and without logging the address', async () => {
    ses.on(SendEmailCommand).rejects(
      new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region US-EAST-1: u-4@example.com', $metadata: {} }),
    );

    const response = await handler(sqsEvent(sqsRecord('m-4', eventBridgeEvent(userCreatedDetail('u-4')))), lambdaContext);

    expect(response).toEqual({ batchItemFailures: [] });
    const reason =
      'MessageRejected: Email address is not verified. The following identities failed the check in region US-EAST-1: [email redacted]';
    const update = dynamodb.commandCalls(UpdateItemCommand)[0].args[0].input;
    expect(unmarshall(update.ExpressionAttributeValues ?? {})).toMatchObject({
      ':status': 'COMPLETED',
      ':response_data': { outcome: 'rejected', reason },
    });
    const rejection = logs.entries().find((entry) => entry.message === 'Welcome email rejected permanently; not retrying');
    expect(rejection).toMatchObject({
      level: 'WARN',
      userId: 'u-4',
      reason,
      emailHmac: fakeHmacHex('u-4@example.com'),
      correlation_id: 'user-created:stream-u-4',
    });
  });

  it('fails a message whose body is not JSON or breaks the contract, without sending', async () => {
    const brokenContract = userCreatedDetail('u-5', { email: 'not-an-email' });

    const response = await handler(
      sqsEvent(sqsRecord('m-5', '{not json'), sqsRecord('m-6', eventBridgeEvent(brokenContract))),
      lambdaContext,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-5' }, { itemIdentifier: 'm-6' }] });
    expect(ses).not.toHaveReceivedCommand(SendEmailCommand);
    expect(dynamodb).not.toHaveReceivedCommand(PutItemCommand);
    const invalid = logs.entries().filter((entry) => entry.message === 'Invalid welcome email message');
    expect(invalid.map(({ messageId, reason }) => ({ messageId, reason }))).toEqual([
      { messageId: 'm-5', reason: 'body is not JSON' },
      { messageId: 'm-6', reason: 'event detail does not match the UserCreated contract: data.email: Invalid email address' },
    ]);
  });

  it('logs structured JSON whose correlation id is the idempotency key', async () => {
    await handler(sqsEvent(sqsRecord('m-1', eventBridgeEvent(userCreatedDetail('u-1')))), lambdaContext);

    const sent = logs.entries().find((entry) => entry.message === 'Welcome email sent');
    expect(sent).toMatchObject({
      level: 'INFO',
      service: 'welcome-email',
      correlation_id: 'user-created:stream-u-1',
      userId: 'u-1',
      emailHmac: fakeHmacHex('u-1@example.com'),
      messageId: 'ses-message-1',
      function_request_id: 'request-1',
    });
    expect(kms).toHaveReceivedCommandWith(GenerateMacCommand, { KeyId: TEST_HMAC_KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' });
  });

  it('still sends when KMS cannot compute the log pseudonym, logging without it and saying why', async () => {
    kms.on(GenerateMacCommand).rejects(Object.assign(new Error('Rate exceeded for u-1@example.com'), { name: 'ThrottlingException' }));

    const response = await handler(sqsEvent(sqsRecord('m-1', eventBridgeEvent(userCreatedDetail('u-1')))), lambdaContext);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(logs.entries().find((entry) => entry.message === 'Email HMAC unavailable; logging without it')).toMatchObject({
      level: 'WARN',
      reason: 'ThrottlingException',
    });
    const sent = logs.entries().find((entry) => entry.message === 'Welcome email sent');
    expect(sent).toMatchObject({ userId: 'u-1', messageId: 'ses-message-1' });
    expect(sent).not.toHaveProperty('emailHmac');
  });
});
