import type { UserCreatedEvent } from '../shared/user-created-event';

/**
 * One append-only AuditLog item. Keyed by `userId` (partition) and `eventId` (sort): queryable per user.
 *
 * Records written before keyed hashing carry `emailSha256` (an unsalted SHA-256, hex, of the trimmed, lower-cased
 * email) instead of `emailHmac`. They stay as they were written and read as they are: recomputing them would need
 * the address, which the log never held. No new record carries that field.
 */
export interface AuditRecord {
  userId: string;
  eventId: string;
  detailType: string;
  source: string;
  schemaVersion: string;
  idempotencyKey: string;
  occurredAt: string;
  recordedAt: string;
  /** HMAC-SHA-256 (hex) of the trimmed, lower-cased email under the stage's KMS HMAC key; see `emailHmac`. */
  emailHmac: string;
}

export function auditRecordFor(event: UserCreatedEvent, recordedAt: Date, emailHmac: string): AuditRecord {
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
    emailHmac,
  };
}
