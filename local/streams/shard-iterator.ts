import { validationError } from '../protocol/aws-error';
import { expiredIterator } from './errors';

/** Iterators expire after 15 minutes, as in AWS. */
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;

/** Where an iterator reads from: after a sequence number, or from the trim horizon (whatever is oldest when read). */
export interface ShardPosition {
  streamArn: string;
  shardId: string;
  /** Undefined means the trim horizon. */
  afterSequenceNumber?: string;
  /**
   * The chain of iterators one GetShardIterator started and GetRecords carried on: one client's reading of the shard,
   * which counts as one of its readers.
   */
  chain?: string;
  /** Whether GetRecords returned this iterator: a client that uses it goes on polling the shard. */
  continued?: boolean;
}

interface EncodedIterator {
  a: string;
  s: string;
  p?: string;
  t: number;
  r?: string;
  c?: boolean;
}

/** Iterators are self-describing, so they need no server-side table and survive restarts until they expire. */
export function encodeShardIterator(position: ShardPosition, issuedAtMs: number): string {
  const encoded: EncodedIterator = {
    a: position.streamArn,
    s: position.shardId,
    p: position.afterSequenceNumber,
    t: issuedAtMs,
    r: position.chain,
    ...(position.continued && { c: true }),
  };
  return Buffer.from(JSON.stringify(encoded)).toString('base64url');
}

export function decodeShardIterator(iterator: string, nowMs: number): ShardPosition {
  let decoded: EncodedIterator;
  try {
    decoded = JSON.parse(Buffer.from(iterator, 'base64url').toString('utf8')) as EncodedIterator;
  } catch {
    throw validationError('Invalid ShardIterator');
  }
  if (typeof decoded?.a !== 'string' || typeof decoded.s !== 'string' || typeof decoded.t !== 'number') {
    throw validationError('Invalid ShardIterator');
  }
  if (nowMs - decoded.t > ITERATOR_LIFETIME_MS) {
    throw expiredIterator(decoded.t, nowMs, ITERATOR_LIFETIME_MS);
  }
  return {
    streamArn: decoded.a,
    shardId: decoded.s,
    afterSequenceNumber: decoded.p ?? undefined,
    chain: typeof decoded.r === 'string' ? decoded.r : undefined,
    continued: decoded.c === true,
  };
}

/** The stream an iterator reads, whether or not it has expired; undefined when it is no iterator of this runtime. */
export function iteratorStreamArn(iterator: string): string | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(iterator, 'base64url').toString('utf8')) as Partial<EncodedIterator> | null;
    return typeof decoded?.a === 'string' ? decoded.a : undefined;
  } catch {
    return undefined;
  }
}
