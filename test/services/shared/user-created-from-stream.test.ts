import { userCreatedFromStreamRecord } from '../../../services/shared/user-created-from-stream';
import type { NormalizedStreamRecord } from '../../../services/shared/stream-record';

function insert(overrides: Partial<NormalizedStreamRecord> = {}, image: Record<string, unknown> = {}): NormalizedStreamRecord {
  return {
    eventID: 'stream-event-1',
    eventName: 'INSERT',
    dynamodb: {
      ApproximateCreationDateTime: 1714555800,
      NewImage: { userId: 'u-1', email: 'ada@example.com', createdAt: '2024-05-01T09:29:59.512Z', ...image },
    },
    ...overrides,
  };
}

describe('userCreatedFromStreamRecord', () => {
  it('turns an INSERT into a UserCreated detail keyed on the stream eventID', () => {
    const outcome = userCreatedFromStreamRecord(insert());

    expect(outcome).toEqual({
      kind: 'valid',
      detail: {
        metadata: expect.objectContaining({ idempotencyKey: 'user-created:stream-event-1', occurredAt: '2024-05-01T09:30:00.000Z' }),
        data: { userId: 'u-1', email: 'ada@example.com', createdAt: '2024-05-01T09:29:59.512Z' },
      },
    });
  });

  it('sorts string sets and lists of strings', () => {
    const fromSet = userCreatedFromStreamRecord(insert({}, { interests: new Set(['go', 'chess', 'bridge']) }));
    const fromList = userCreatedFromStreamRecord(insert({}, { interests: ['go', 'chess'] }));

    expect(fromSet.kind === 'valid' && fromSet.detail.data.interests).toEqual(['bridge', 'chess', 'go']);
    expect(fromList.kind === 'valid' && fromList.detail.data.interests).toEqual(['chess', 'go']);
  });

  it.each([
    ['a numeric userId', insert({}, { userId: 42 }), 'data.userId: Invalid input: expected string, received number', undefined],
    ['a malformed createdAt', insert({}, { createdAt: 'yesterday' }), 'data.createdAt: Invalid ISO datetime', 'u-1'],
    ['a number in the interests', insert({}, { interests: new Set([1]) }), 'data.interests[0]: Invalid input: expected string, received number', 'u-1'],
    ['no eventID', insert({ eventID: undefined }), 'eventID: missing', 'u-1'],
    ['no NewImage', insert({ dynamodb: { ApproximateCreationDateTime: 1, Keys: { userId: 'u-9' } } }), 'dynamodb.NewImage: missing (the stream must include new images)', 'u-9'],
    ['no ApproximateCreationDateTime', insert({ dynamodb: { NewImage: { userId: 'u-1' } } }), 'dynamodb.ApproximateCreationDateTime: missing or not a number', 'u-1'],
  ])('rejects a record with %s, naming the field', (_case, record, reason, userId) => {
    expect(userCreatedFromStreamRecord(record)).toEqual({ kind: 'invalid', reason, userId, streamEventId: record.eventID });
  });

  it('reports every problem of a record in one reason', () => {
    const outcome = userCreatedFromStreamRecord(insert({}, { email: 'nope', createdAt: undefined }));

    expect(outcome).toMatchObject({
      kind: 'invalid',
      reason: 'data.email: Invalid email address; data.createdAt: Invalid input: expected string, received undefined',
    });
  });

  it('ignores MODIFY and REMOVE records instead of rejecting them', () => {
    expect(userCreatedFromStreamRecord(insert({ eventName: 'MODIFY' }))).toEqual({
      kind: 'ignored',
      reason: 'eventName is MODIFY, not INSERT',
      streamEventId: 'stream-event-1',
    });
    expect(userCreatedFromStreamRecord(insert({ eventName: 'REMOVE' })).kind).toBe('ignored');
  });
});
