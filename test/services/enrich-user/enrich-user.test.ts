import { userCreatedContract } from '../../../events/user-created';
import { handler } from '../../../services/enrich-user/handler';
import { captureLogs, type CapturedLogs } from '../../../support/capture-logs';
import { FIXTURE_IDS, fixtureEmailAddresses, lambdaContext, pipesUsersBatch } from '../../../support/lambda-fixtures';

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

  it('logs each dropped record with userId and reason only, and no email address anywhere', async () => {
    await handler(pipesUsersBatch(), lambdaContext);

    const dropped = logs.entries().filter((entry) => entry.message === 'Dropped invalid user record');
    expect(dropped.map(({ userId, streamEventId, reason }) => ({ userId, streamEventId, reason }))).toEqual([
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
