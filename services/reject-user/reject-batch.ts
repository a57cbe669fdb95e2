import type { Logger } from '@aws-lambda-powertools/logger';
import type { StreamBatch, StreamRecord } from '../shared/stream-record';
import { userCreatedFromStreamRecord } from '../shared/user-created-from-stream';

/**
 * A stream record without its images: where it came from (event id, sequence number, stream) and the item's keys.
 * The images, with the email and the names, stay in the users table, where an operator reads them when needed.
 */
export type RecordWithoutImages = Omit<StreamRecord, 'dynamodb'> & {
  dynamodb?: Omit<NonNullable<StreamRecord['dynamodb']>, 'NewImage' | 'OldImage'>;
};

export interface RejectedUserRecord {
  reason: string;
  /** The stream record as the Pipe delivered it, images left out, so an operator can find the item and replay it. */
  record: RecordWithoutImages;
}

/** The mirror of enrich-user: only the records that cannot become a `UserCreated` event, each with its reason. */
export function rejectBatch(batch: StreamBatch, logger: Logger): RejectedUserRecord[] {
  const rejected: RejectedUserRecord[] = [];
  batch.Records.forEach((record, index) => {
    const outcome = userCreatedFromStreamRecord(record);
    if (outcome.kind !== 'invalid') return;
    logger.warn('Rejected user record', { userId: outcome.userId, streamEventId: outcome.streamEventId, reason: outcome.reason });
    rejected.push({ reason: outcome.reason, record: withoutImages(batch.originalRecords[index]) });
  });
  return rejected;
}

function withoutImages(record: StreamRecord): RecordWithoutImages {
  if (record.dynamodb === undefined) return record;
  const { NewImage: _newImage, OldImage: _oldImage, ...kept } = record.dynamodb;
  return { ...record, dynamodb: kept };
}
