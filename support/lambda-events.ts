import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import type { UserCreatedDetail } from '../events/user-created';
import type { UserCreatedEvent } from '../services/shared/user-created-event';

/**
 * Events and records as AWS hands them to the functions. The handler tests use fixed ids (`userCreatedDetail`,
 * `eventBridgeEvent`); tests that run the pipeline use fresh ones (`freshUserCreatedEvent`), so a redelivery
 * guard never mistakes two of their events for one.
 */

export function userCreatedDetail(userId: string, overrides: Partial<UserCreatedDetail['data']> = {}): UserCreatedDetail {
  return {
    metadata: {
      eventId: '9812a902-d890-8494-b419-3802bb8a566f',
      idempotencyKey: `user-created:stream-${userId}`,
      occurredAt: '2024-05-01T09:30:00.000Z',
      schemaVersion: '1',
    },
    data: {
      userId,
      email: `${userId}@example.com`,
      givenName: 'Ada',
      familyName: 'Lovelace',
      createdAt: '2024-05-01T09:29:59.512Z',
      interests: ['chess'],
      ...overrides,
    },
  };
}

/** The event as EventBridge delivers it to a target. */
export function eventBridgeEvent(detail: UserCreatedDetail): UserCreatedEvent {
  return {
    version: '0',
    id: `eb-${detail.data.userId}`,
    'detail-type': 'UserCreated',
    source: 'users-fanout.users',
    account: '000000000000',
    time: '2024-05-01T09:30:01Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

export function sqsRecord(messageId: string, body: unknown): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1714555801000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1714555801500',
    },
    messageAttributes: {},
    md5OfBody: 'unused',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:users-fanout-dev-welcome-email',
    awsRegion: 'us-east-1',
  };
}

export function sqsEvent(...records: SQSRecord[]): SQSEvent {
  return { Records: records };
}

/** A full EventBridge envelope of a valid UserCreated event, as a rule delivers it, with fresh ids. */
export function freshUserCreatedEvent(userId: string, email: string): UserCreatedEvent {
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
