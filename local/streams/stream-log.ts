import type { StreamRecord } from '../model/ports';
import type { DurableMap } from '../storage/state-store';
import { ShardReaders } from './shard-readers';
import type { StreamDefinition } from './stream-definition';

/** What survives a restart about a stream besides its records. */
export interface StreamMetadata {
  /** Epoch seconds, the time in the stream's label, reported as CreationRequestDateTime. */
  createdAt: number;
  /** The shard's first sequence number, reported even while the shard is empty. */
  startingSequenceNumber: string;
  /** The newest sequence number removed by retention; reading from before it is a TrimmedDataAccessException. */
  trimmedThrough?: string;
}

/**
 * One stream's records, in sequence order: durable in the state store (keyed by sequence number) and
 * mirrored in an array for reads by binary search. Trimmed records leave the array from the front.
 */
export class StreamLog {
  /** Who reads the stream's one shard, of which DynamoDB allows two at once. */
  readonly readers: ShardReaders;
  private records: StreamRecord[];
  private readonly listeners = new Set<() => void>();
  private notifyScheduled = false;

  constructor(
    readonly definition: StreamDefinition,
    private readonly durable: DurableMap<StreamRecord>,
    private metadata: StreamMetadata,
    private readonly saveMetadata: (metadata: StreamMetadata) => void,
  ) {
    this.records = [...durable.values()].sort((a, b) => compare(a.dynamodb.SequenceNumber, b.dynamodb.SequenceNumber));
    this.readers = new ShardReaders(definition.shardId, definition.arn);
  }

  get createdAt(): number {
    return this.metadata.createdAt;
  }

  get trimmedThrough(): string | undefined {
    return this.metadata.trimmedThrough;
  }

  /** The first sequence number still readable, or the shard's start while nothing was trimmed. */
  startingSequenceNumber(): string {
    return this.records[0]?.dynamodb.SequenceNumber ?? this.metadata.startingSequenceNumber;
  }

  latestSequenceNumber(): string | undefined {
    return this.records.at(-1)?.dynamodb.SequenceNumber;
  }

  /** Appends a record whose sequence number is higher than any before it; listeners hear of it once per tick. */
  append(record: StreamRecord): void {
    this.durable.set(record.dynamodb.SequenceNumber, record);
    this.records.push(record);
    if (!this.notifyScheduled && this.listeners.size > 0) {
      this.notifyScheduled = true;
      setImmediate(() => this.notify());
    }
  }

  /** Up to `limit` records after `afterSequenceNumber` (all retained when undefined), oldest first. */
  readAfter(afterSequenceNumber: string | undefined, limit: number): StreamRecord[] {
    const start = afterSequenceNumber === undefined ? 0 : this.firstIndexAfter(afterSequenceNumber);
    return this.records.slice(start, start + limit);
  }

  /** Whether a record with this event ID is among the newest `depth` records; used only when recovering from a crash. */
  hasRecentEvent(eventId: string, depth: number): boolean {
    for (let index = this.records.length - 1; index >= Math.max(0, this.records.length - depth); index--) {
      if (this.records[index].eventID === eventId) return true;
    }
    return false;
  }

  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops records created before `cutoffSeconds`, as the stream's 24-hour retention does. */
  trimOlderThan(cutoffSeconds: number): number {
    let count = 0;
    while (count < this.records.length && this.records[count].dynamodb.ApproximateCreationDateTime < cutoffSeconds) count++;
    if (count === 0) return 0;
    const trimmed = this.records.slice(0, count);
    this.records = this.records.slice(count);
    this.metadata = { ...this.metadata, trimmedThrough: trimmed[count - 1].dynamodb.SequenceNumber };
    this.saveMetadata(this.metadata);
    for (const record of trimmed) this.durable.delete(record.dynamodb.SequenceNumber);
    return count;
  }

  private firstIndexAfter(sequenceNumber: string): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.records[middle].dynamodb.SequenceNumber <= sequenceNumber) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private notify(): void {
    this.notifyScheduled = false;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        console.error(`[streams] append listener for ${this.definition.tableName} failed: ${(error as Error).stack ?? error}`);
      }
    }
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
