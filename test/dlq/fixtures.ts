import { randomUUID } from 'node:crypto';

export const BUS_NAME = 'users-fanout-dev';

/** A full EventBridge envelope of a valid UserCreated event, as a rule delivers it. */
export function userCreatedEvent(userId: string, email: string): Record<string, unknown> {
  const streamEventId = randomUUID().replace(/-/g, '');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'UserCreated',
    source: 'users-fanout.users',
    account: '000000000000',
    time: new Date().toISOString(),
    region: 'us-east-1',
    resources: [],
    detail: {
      metadata: {
        eventId: randomUUID(),
        idempotencyKey: `user-created:${streamEventId}`,
        occurredAt: new Date().toISOString(),
        schemaVersion: '1',
      },
      data: { userId, email, givenName: 'Ada', createdAt: new Date().toISOString() },
    },
  };
}

/** An INSERT stream record of a new user, in the shape GetRecords and Pipes hand on. */
export function insertRecord(userId: string, email: string | undefined): Record<string, unknown> {
  const newImage: Record<string, unknown> = { userId: { S: userId }, givenName: { S: 'Ada' }, createdAt: { S: new Date().toISOString() } };
  if (email !== undefined) newImage.email = { S: email };
  return {
    eventID: randomUUID().replace(/-/g, ''),
    eventName: 'INSERT',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { userId: { S: userId } },
      NewImage: newImage,
      SequenceNumber: '100000000000000000001',
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/users-fanout-dev-users/stream/2026-01-01T00:00:00.000',
  };
}
