import type { Logger } from '@aws-lambda-powertools/logger';
import type { StreamBatch, StreamRecord } from '../shared/stream-record';
import { userCreatedFromStreamRecord } from '../shared/user-created-from-stream';

export interface RejectedUserRecord {
  reason: string;
  /** The stream record exactly as the Pipe delivered it, so an operator can fix and replay it. */
  record: StreamRecord;
}

/** The mirror of enrich-user: only the records that cannot become a `UserCreated` event, each with its reason. */
export function rejectBatch(batch: StreamBatch, logger: Logger): RejectedUserRecord[] {
  const rejected: RejectedUserRecord[] = [];
  batch.Records.forEach((record, index) => {
    const outcome = userCreatedFromStreamRecord(record);
    if (outcome.kind !== 'invalid') return;
    logger.warn('Rejected user record', { userId: outcome.userId, streamEventId: outcome.streamEventId, reason: outcome.reason });
    rejected.push({ reason: outcome.reason, record: batch.originalRecords[index] });
  });
  return rejected;
}
