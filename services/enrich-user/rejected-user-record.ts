import type { StreamRecord } from '../shared/stream-record';

/**
 * A stream record without its images: where it came from (event id, sequence number, stream) and the item's keys.
 * The images, with the email and the names, stay in the users table, where an operator reads them when needed.
 */
export type RecordWithoutImages = Omit<StreamRecord, 'dynamodb'> & {
  dynamodb?: Omit<NonNullable<StreamRecord['dynamodb']>, 'NewImage' | 'OldImage'>;
};

/** What the rejected-users queue keeps of a record that cannot become a `UserCreated` event. */
export interface RejectedUserRecord {
  reason: string;
  /** The stream record as the Pipe delivered it, images left out, so an operator can find the item and replay it. */
  record: RecordWithoutImages;
}

export function rejectedUserRecord(reason: string, record: StreamRecord): RejectedUserRecord {
  if (record.dynamodb === undefined) return { reason, record };
  const { NewImage: _newImage, OldImage: _oldImage, ...kept } = record.dynamodb;
  return { reason, record: { ...record, dynamodb: kept } };
}
