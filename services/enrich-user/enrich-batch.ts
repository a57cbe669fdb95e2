import type { Logger } from '@aws-lambda-powertools/logger';
import type { UserCreatedDetail } from '../../events/user-created';
import type { StreamBatch } from '../shared/stream-record';
import { userCreatedFromStreamRecord } from '../shared/user-created-from-stream';

/**
 * One `UserCreated` detail per valid INSERT record, in stream order. Invalid records are dropped here (the
 * rejected-users pipe keeps them); they are logged by userId and reason only, never with the record's contents.
 */
export function enrichBatch(batch: StreamBatch, logger: Logger): UserCreatedDetail[] {
  const details: UserCreatedDetail[] = [];
  for (const record of batch.Records) {
    const outcome = userCreatedFromStreamRecord(record);
    switch (outcome.kind) {
      case 'valid':
        details.push(outcome.detail);
        break;
      case 'invalid':
        logger.warn('Dropped invalid user record', {
          userId: outcome.userId,
          streamEventId: outcome.streamEventId,
          reason: outcome.reason,
        });
        break;
      case 'ignored':
        logger.info('Ignored stream record', { streamEventId: outcome.streamEventId, reason: outcome.reason });
        break;
    }
  }
  return details;
}
