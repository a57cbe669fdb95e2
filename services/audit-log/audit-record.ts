import { emailSha256 } from '../shared/email-hash';
import type { UserCreatedEvent } from '../shared/user-created-event';

/** One append-only AuditLog item. Keyed by `userId` (partition) and `eventId` (sort): queryable per user. */
export interface AuditRecord {
  userId: string;
  eventId: string;
  detailType: string;
  source: string;
  schemaVersion: string;
  idempotencyKey: string;
  occurredAt: string;
  recordedAt: string;
  emailSha256: string;
}

export function auditRecordFor(event: UserCreatedEvent, recordedAt: Date): AuditRecord {
  const { metadata, data } = event.detail;
  return {
    userId: data.userId,
    eventId: metadata.eventId,
    detailType: event['detail-type'],
    source: event.source,
    schemaVersion: metadata.schemaVersion,
    idempotencyKey: metadata.idempotencyKey,
    occurredAt: metadata.occurredAt,
    recordedAt: recordedAt.toISOString(),
    emailSha256: emailSha256(data.email),
  };
}
