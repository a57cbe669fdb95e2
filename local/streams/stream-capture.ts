import { randomUUID } from 'node:crypto';
import type { StreamRecord, StreamUserIdentity } from '../model/ports';
import type { DurableMap } from '../storage/state-store';
import { NO_TRACING, type Tracer } from '../trace';
import { approximateSize, sameItem, type AttributeMap } from './item-images';
import { recordRecordSpan } from './record-span';
import type { SequenceCounter } from './sequence-numbers';
import type { StreamLog } from './stream-log';

/** One item's change, as the storage engine saw it under the item's lock. */
export interface ItemChange {
  tableName: string;
  keys: AttributeMap;
  /** The item before the write; undefined when it did not exist. */
  oldImage?: AttributeMap;
  /** The item after the write; undefined when the write deleted it. */
  newImage?: AttributeMap;
  /** Set when a service, not a client, made the change (TTL deletes). */
  userIdentity?: StreamUserIdentity;
}

/** A change whose intent is on disk but whose record is not yet appended. */
export interface PendingChange {
  /** Becomes the record's eventID. */
  readonly eventId: string;
  readonly change: ItemChange;
}

/**
 * What the DynamoDB emulation calls around each item write of a table with a stream.
 *
 * The intent is made durable before the item reaches storage and the record is appended after, so a
 * crash in between leaves the intent behind: on restart DynamoDB rolls the write forward and commits it,
 * and the change is neither lost nor recorded twice.
 */
export interface StreamCapture {
  /** Whether writes to this table produce stream records. */
  captures(tableName: string): boolean;
  /** Records the intent; undefined when the write changes nothing and so produces no record. */
  prepare(change: ItemChange): PendingChange | undefined;
  /** The write reached storage: appends the record and forgets the intent. Safe to repeat for a recovered intent. */
  commit(pending: PendingChange): void;
  /** The write failed: forgets the intent. */
  abandon(pending: PendingChange): void;
  /** Intents a crash left behind, oldest first. */
  unfinished(): PendingChange[];
}

/** How far back a recovered intent's record is looked for: more than the writes that can be in flight at once. */
const RECOVERY_SEARCH_DEPTH = 100_000;

export function createStreamCapture(options: {
  logs: ReadonlyMap<string, StreamLog>;
  pending: DurableMap<ItemChange>;
  sequence: SequenceCounter;
  region: string;
  now?: () => number;
  /** Each appended record starts a trace. */
  tracer?: Tracer;
}): StreamCapture {
  const { logs, pending, sequence, region } = options;
  const tracer = options.tracer ?? NO_TRACING;
  const now = options.now ?? Date.now;
  const recovered = new Set(pending.keys());

  function logFor(tableName: string): StreamLog {
    const log = logs.get(tableName);
    if (!log) throw new Error(`Table ${tableName} has no stream to capture into`);
    return log;
  }

  return {
    captures: (tableName) => logs.has(tableName),

    prepare(change) {
      if (sameItem(change.oldImage, change.newImage)) return undefined;
      logFor(change.tableName);
      const eventId = randomUUID().replace(/-/g, '');
      pending.set(eventId, change);
      return { eventId, change };
    },

    commit({ eventId, change }) {
      const log = logFor(change.tableName);
      const alreadyAppended = recovered.delete(eventId) && log.hasRecentEvent(eventId, RECOVERY_SEARCH_DEPTH);
      if (!alreadyAppended) {
        const record = buildRecord(eventId, change, log, sequence.next(), region, now());
        log.append(record);
        recordRecordSpan(tracer, record, log.definition.arn, change.tableName);
      }
      pending.delete(eventId);
    },

    abandon({ eventId }) {
      recovered.delete(eventId);
      pending.delete(eventId);
    },

    unfinished: () => [...pending.entries()].map(([eventId, change]) => ({ eventId, change })),
  };
}

function buildRecord(
  eventId: string,
  change: ItemChange,
  log: StreamLog,
  sequenceNumber: string,
  region: string,
  nowMs: number,
): StreamRecord {
  const viewType = log.definition.viewType;
  const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES';
  const newImage = withNew ? change.newImage : undefined;
  const oldImage = withOld ? change.oldImage : undefined;
  return {
    eventID: eventId,
    eventName: change.oldImage === undefined ? 'INSERT' : change.newImage === undefined ? 'REMOVE' : 'MODIFY',
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(nowMs / 1000),
      Keys: change.keys,
      ...(newImage && { NewImage: newImage }),
      ...(oldImage && { OldImage: oldImage }),
      SequenceNumber: sequenceNumber,
      SizeBytes: approximateSize(change.keys) + approximateSize(newImage) + approximateSize(oldImage),
      StreamViewType: viewType,
    },
    ...(change.userIdentity && { userIdentity: change.userIdentity }),
  };
}
