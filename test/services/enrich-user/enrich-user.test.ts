import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { userCreatedContract, type UserCreatedDetail } from '../../../events/user-created';
import type { RejectedUserRecord } from '../../../services/enrich-user/rejected-user-record';
import { captureLogs, type CapturedLogs } from '../../../support/capture-logs';
import { FIXTURE_IDS, fixtureEmailAddresses, lambdaContext, pipesUsersBatch, recordFor } from '../../../support/lambda-fixtures';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/users-fanout-test-rejected-users';
const sqs = mockClient(SQSClient);
let handler: (records: DynamoDBRecord[], context: Context) => Promise<UserCreatedDetail[]>;

beforeAll(async () => {
  process.env.REJECTED_USERS_QUEUE_URL = QUEUE_URL;
  process.env.AWS_REGION = 'us-east-1';
  ({ handler } = await import('../../../services/enrich-user/handler'));
});

beforeEach(() => {
  sqs.reset();
  sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
});

/** The rejected records the enrichment parked, in the order of its one SendMessageBatch call. */
function parked(): RejectedUserRecord[] {
  const calls = sqs.commandCalls(SendMessageBatchCommand);
  expect(calls).toHaveLength(1);
  expect(calls[0].args[0].input.QueueUrl).toBe(QUEUE_URL);
  return (calls[0].args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.MessageBody as string) as RejectedUserRecord);
}

/** The record as delivered, images left out. */
function withoutImages(eventID: string): DynamoDBRecord {
  const record = structuredClone(recordFor(eventID));
  delete record.dynamodb?.NewImage;
  delete record.dynamodb?.OldImage;
  return record;
}

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('enrich-user handler on a recorded Pipes batch', () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('returns one UserCreated detail per valid INSERT, in stream order', async () => {
    const details = await handler(pipesUsersBatch(), lambdaContext);

    expect(details.map((detail) => detail.data.userId)).toEqual(['u-1', 'u-2', 'u-6']);
    for (const detail of details) expect(userCreatedContract.validate(detail)).toEqual({ ok: true, value: detail });
  });

  it('maps the image to the contract: string sets sorted, other attributes left out, no attribute types', async () => {
    const [ada] = await handler(pipesUsersBatch(), lambdaContext);

    expect(ada).toEqual({
      metadata: {
        eventId: expect.stringMatching(UUID_V8),
        idempotencyKey: `user-created:${FIXTURE_IDS.ada}`,
        occurredAt: '2024-05-01T09:30:00.000Z',
        schemaVersion: '1',
      },
      data: {
        userId: 'u-1',
        email: 'ada@example.com',
        givenName: 'Ada',
        familyName: 'Lovelace',
        createdAt: '2024-05-01T09:29:59.512Z',
        interests: ['analytical engines', 'chess', 'mathematics'],
      },
    });
  });

  it('omits absent and blank optional names, keeps names verbatim otherwise', async () => {
    const details = await handler(pipesUsersBatch(), lambdaContext);
    const grace = details.find((detail) => detail.data.userId === 'u-2');
    const margaret = details.find((detail) => detail.data.userId === 'u-6');

    expect(grace?.data).toEqual({ userId: 'u-2', email: 'grace@example.org', createdAt: '2024-05-01T10:14:58.003Z' });
    expect(margaret?.data).toEqual({
      userId: 'u-6',
      email: 'margaret@example.com',
      givenName: 'Margaret <b>',
      createdAt: '2024-05-01T10:20:59.000Z',
      interests: ['apollo', 'space'],
    });
  });

  it('derives the same eventId from the same stream eventID on redelivery, and different ones per record', async () => {
    const first = await handler(pipesUsersBatch(), lambdaContext);
    const redelivered = await handler(pipesUsersBatch(), lambdaContext);

    expect(redelivered.map((detail) => detail.metadata.eventId)).toEqual(first.map((detail) => detail.metadata.eventId));
    expect(new Set(first.map((detail) => detail.metadata.eventId)).size).toBe(first.length);
  });

  it('parks every invalid INSERT in the rejected-users queue with one SendMessageBatch: its reason, its record without images', async () => {
    await handler(pipesUsersBatch(), lambdaContext);

    expect(parked()).toEqual([
      { reason: 'data.email: Invalid input: expected string, received undefined', record: withoutImages(FIXTURE_IDS.missingEmail) },
      { reason: 'data.email: Invalid email address', record: withoutImages(FIXTURE_IDS.malformedEmail) },
      { reason: expect.stringMatching(/^data\.userId: Invalid userId/), record: withoutImages(FIXTURE_IDS.badUserId) },
    ]);
    const [missingEmail] = parked();
    expect(missingEmail.record).toMatchObject({
      eventID: FIXTURE_IDS.missingEmail,
      eventName: 'INSERT',
      dynamodb: { Keys: { userId: { S: 'u-3' } }, SequenceNumber: recordFor(FIXTURE_IDS.missingEmail).dynamodb?.SequenceNumber },
    });
    const kept = JSON.stringify(parked());
    const imageEmails = pipesUsersBatch().flatMap((record) => [record.dynamodb?.NewImage?.email?.S, record.dynamodb?.OldImage?.email?.S]);
    for (const address of imageEmails.filter((email) => email !== undefined)) expect(kept).not.toContain(address);
    expect(kept).not.toContain('Alan');
  });

  it('makes no SQS call when every record is valid, and neither rejects MODIFY nor REMOVE records', async () => {
    const notRejected = new Set<string>([FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.modify, FIXTURE_IDS.remove]);
    const batch = pipesUsersBatch().filter((record) => notRejected.has(record.eventID ?? ''));

    expect((await handler(batch, lambdaContext)).map((detail) => detail.data.userId)).toEqual(['u-1', 'u-2']);
    expect(sqs).not.toHaveReceivedCommand(SendMessageBatchCommand);
  });

  it('fails the batch when the queue refuses a rejected record, so the pipe retries it and in the end keeps it', async () => {
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'm', MD5OfMessageBody: 'x' }], Failed: [{ Id: '1', Code: 'KMS.ThrottlingException', SenderFault: false }] });
    await expect(handler(pipesUsersBatch(), lambdaContext)).rejects.toThrow(
      'The rejected-users queue refused 1 of 3 rejected records: KMS.ThrottlingException',
    );
  });

  it('fails the batch when the rejected-users queue cannot be reached', async () => {
    sqs.on(SendMessageBatchCommand).rejects(new Error('connect ECONNREFUSED'));
    await expect(handler(pipesUsersBatch(), lambdaContext)).rejects.toThrow('connect ECONNREFUSED');
  });

  it('logs each rejected record with userId and reason only, and no email address anywhere', async () => {
    await handler(pipesUsersBatch(), lambdaContext);

    const rejected = logs.entries().filter((entry) => entry.message === 'Rejected user record');
    expect(rejected.map(({ userId, streamEventId, reason }) => ({ userId, streamEventId, reason }))).toEqual([
      {
        userId: 'u-3',
        streamEventId: FIXTURE_IDS.missingEmail,
        reason: 'data.email: Invalid input: expected string, received undefined',
      },
      { userId: 'u-4', streamEventId: FIXTURE_IDS.malformedEmail, reason: 'data.email: Invalid email address' },
      {
        userId: undefined,
        streamEventId: FIXTURE_IDS.badUserId,
        reason: expect.stringMatching(/^data\.userId: Invalid userId/),
      },
    ]);
    const output = logs.lines().join('\n');
    expect(fixtureEmailAddresses().length).toBeGreaterThan(5);
    for (const address of fixtureEmailAddresses()) expect(output).not.toContain(address);
    expect(output).not.toContain('@');
  });

  it('answers an empty batch with an empty array', async () => {
    await expect(handler([], lambdaContext)).resolves.toEqual([]);
  });

  it('refuses a payload that is not a Pipes array', async () => {
    await expect(handler({ Records: [] } as never, lambdaContext)).rejects.toThrow(
      'Pipes enrichment payload must be a JSON array of stream records, received object',
    );
  });
});
