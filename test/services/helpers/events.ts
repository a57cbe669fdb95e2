import type { SQSEvent, SQSRecord } from 'aws-lambda';
import type { UserCreatedDetail } from '../../../events/user-created';
import type { UserCreatedEvent } from '../../../services/shared/user-created-event';

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
