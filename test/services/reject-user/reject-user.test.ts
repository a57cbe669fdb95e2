import type { DynamoDBRecord } from 'aws-lambda';
import { handler } from '../../../services/reject-user/handler';
import { captureLogs, type CapturedLogs } from '../../../support/capture-logs';
import { FIXTURE_IDS, fixtureEmailAddresses, lambdaContext, pipesUsersBatch, recordFor } from '../../../support/lambda-fixtures';

describe('reject-user handler on a recorded Pipes batch', () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  /** The record as delivered, images left out. */
  function withoutImages(eventID: string): DynamoDBRecord {
    const record = structuredClone(recordFor(eventID));
    delete record.dynamodb?.NewImage;
    delete record.dynamodb?.OldImage;
    return record;
  }

  it('returns only the invalid INSERT records, each with its reason and the record as delivered without its images', async () => {
    const rejected = await handler(pipesUsersBatch(), lambdaContext);

    expect(rejected).toEqual([
      { reason: 'data.email: Invalid input: expected string, received undefined', record: withoutImages(FIXTURE_IDS.missingEmail) },
      { reason: 'data.email: Invalid email address', record: withoutImages(FIXTURE_IDS.malformedEmail) },
      { reason: expect.stringMatching(/^data\.userId: Invalid userId/), record: withoutImages(FIXTURE_IDS.badUserId) },
    ]);
  });

  it('keeps the keys and the place in the stream in attribute-value form, and no email or name', async () => {
    const rejected = await handler(pipesUsersBatch(), lambdaContext);
    const [missingEmail] = rejected;

    expect(missingEmail.record).toMatchObject({
      eventID: FIXTURE_IDS.missingEmail,
      eventName: 'INSERT',
      dynamodb: { Keys: { userId: { S: 'u-3' } }, SequenceNumber: recordFor(FIXTURE_IDS.missingEmail).dynamodb?.SequenceNumber },
    });
    expect(JSON.parse(JSON.stringify(missingEmail))).toEqual(missingEmail);
    const kept = JSON.stringify(rejected);
    const imageEmails = pipesUsersBatch().flatMap((record) => [record.dynamodb?.NewImage?.email?.S, record.dynamodb?.OldImage?.email?.S]);
    for (const address of imageEmails.filter((email) => email !== undefined)) expect(kept).not.toContain(address);
    expect(kept).not.toContain('Alan');
  });

  it('returns [] when every record is valid, and neither rejects MODIFY nor REMOVE records', async () => {
    const notRejected = new Set<string>([FIXTURE_IDS.ada, FIXTURE_IDS.grace, FIXTURE_IDS.modify, FIXTURE_IDS.remove]);
    const batch = pipesUsersBatch().filter((record) => notRejected.has(record.eventID ?? ''));

    await expect(handler(batch, lambdaContext)).resolves.toEqual([]);
  });

  it('logs rejections by userId and reason, never an email address', async () => {
    await handler(pipesUsersBatch(), lambdaContext);

    const rejections = logs.entries().filter((entry) => entry.message === 'Rejected user record');
    expect(rejections.map((entry) => entry.userId)).toEqual(['u-3', 'u-4', undefined]);
    const output = logs.lines().join('\n');
    for (const address of fixtureEmailAddresses()) expect(output).not.toContain(address);
  });
});
