import { tooManyShardReaders } from './errors';

/** DynamoDB throttles a shard read by more than two processes at once; the third is refused here. */
export const MAX_SHARD_READERS = 2;

/**
 * An API client is a reader of the shard while it keeps polling one iterator chain; one that has not called
 * GetRecords for this long is taken to have stopped. (Lambda and Pipes poll four times a second; the KCL once.)
 */
export const API_READER_IDLE_MS = 5_000;

interface Holder {
  /** The runtime's own pipes and event source mappings hold their place for as long as they run. */
  internal: boolean;
  lastReadAt: number;
}

/**
 * Who reads one shard. A reader takes one of the two places when it starts reading and keeps it; a third reader is
 * refused with LimitExceededException until a place frees, as DynamoDB Streams throttles it.
 */
export class ShardReaders {
  private readonly holders = new Map<string, Holder>();

  constructor(
    private readonly shardId: string,
    private readonly streamArn: string,
  ) {}

  /** Takes or keeps a place for `reader`; throws LimitExceededException when both are held by others. */
  admit(reader: string, internal: boolean, now: number): void {
    const held = this.holders.get(reader);
    if (held) {
      held.lastReadAt = now;
      return;
    }
    for (const [name, holder] of this.holders) {
      if (!holder.internal && now - holder.lastReadAt > API_READER_IDLE_MS) this.holders.delete(name);
    }
    if (this.holders.size >= MAX_SHARD_READERS) throw tooManyShardReaders(this.shardId, this.streamArn, [...this.holders.keys()], reader);
    this.holders.set(reader, { internal, lastReadAt: now });
  }

  /** Whether `reader` holds a place now. */
  holds(reader: string): boolean {
    return this.holders.has(reader);
  }

  release(reader: string): void {
    this.holders.delete(reader);
  }
}
