import { handler } from '../../services/reject-user/handler';
import { captureLogs, type CapturedLogs } from './helpers/capture-logs';
import { FIXTURE_IDS, fixtureEmailAddresses, lambdaContext, pipesUsersBatch, recordFor } from './helpers/fixtures';

describe('reject-user handler on a recorded Pipes batch', () => {
  let logs: CapturedLogs;
  beforeEach(() => {
    logs = captureLogs();
  });
  afterEach(() => logs.restore());

  it('returns only the invalid INSERT records, each with its reason and the record exactly as delivered', async () => {
    const rejected = await handler(pipesUsersBatch(), lambdaContext);

    expect(rejected).toEqual([
      { reason: 'data.email: Invalid input: expected string, received undefined', record: recordFor(FIXTURE_IDS.missingEmail) },
      { reason: 'data.email: Invalid email address', record: recordFor(FIXTURE_IDS.malformedEmail) },
      { reason: expect.stringMatching(/^data\.userId: Invalid userId/), record: recordFor(FIXTURE_IDS.badUserId) },
    ]);
  });

  it('keeps the attribute-value form of the rejected record, so it survives JSON unchanged', async () => {
    const [missingEmail] = await handler(pipesUsersBatch(), lambdaContext);

    expect(missingEmail.record.dynamodb?.NewImage).toEqual({
      userId: { S: 'u-3' },
      givenName: { S: 'Alan' },
      createdAt: { S: '2024-05-01T10:15:59.000Z' },
    });
    expect(JSON.parse(JSON.stringify(missingEmail))).toEqual(missingEmail);
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
