import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserCreatedDetail } from '../../events/user-created';
import type { StreamBatch } from '../shared/stream-record';
import { userCreatedFromStreamRecord } from '../shared/user-created-from-stream';
import { rejectedUserRecord, type RejectedUserRecord } from './rejected-user-record';

export interface EnrichedBatch {
  /** One `UserCreated` detail per valid INSERT record, in stream order: what the pipe publishes. */
  details: UserCreatedDetail[];
  /** Every record that cannot become an event, with its reason: what the rejected-users queue keeps. */
  rejected: RejectedUserRecord[];
}

/**
 * Sorts a batch into the details to publish and the records to reject. Invalid records are logged by userId and
 * reason only, never with the record's contents.
 */
export function enrichBatch(batch: StreamBatch, logger: Logger): EnrichedBatch {
  const enriched: EnrichedBatch = { details: [], rejected: [] };
  batch.Records.forEach((record, index) => {
    const outcome = userCreatedFromStreamRecord(record);
    switch (outcome.kind) {
      case 'valid':
        enriched.details.push(outcome.detail);
        break;
      case 'invalid':
        logger.warn('Rejected user record', { userId: outcome.userId, streamEventId: outcome.streamEventId, reason: outcome.reason });
        enriched.rejected.push(rejectedUserRecord(outcome.reason, batch.originalRecords[index]));
        break;
      case 'ignored':
        logger.info('Ignored stream record', { streamEventId: outcome.streamEventId, reason: outcome.reason });
        break;
    }
  });
  return enriched;
}
