import type { DurableMap, StateStore } from '../storage/state-store';
import type { OpenWindow } from './tumbling-window';

/** Where a stream mapping stands: the last sequence number settled, and each lane's open tumbling window. */
export interface StreamMappingPosition {
  /** Absent: from the trim horizon. */
  after?: string;
  /** By lane index. */
  windows: Record<string, OpenWindow>;
}

interface SavedPosition extends StreamMappingPosition {
  streamArn: string;
}

/**
 * Each stream mapping's durable position: written only after records are settled (delivered, filtered out or
 * given up on), so a crash re-delivers what was in flight, as Lambda does.
 */
export class StreamMappingCheckpoints {
  private readonly saved: DurableMap<SavedPosition>;

  constructor(store: StateStore) {
    this.saved = store.collection<SavedPosition>('lambda-stream-checkpoints');
  }

  /** The saved position, or undefined when there is none for this stream (first run, or a new template). */
  get(mappingId: string, streamArn: string): StreamMappingPosition | undefined {
    const saved = this.saved.get(mappingId);
    if (saved?.streamArn !== streamArn) return undefined;
    return { ...(saved.after !== undefined ? { after: saved.after } : {}), windows: saved.windows ?? {} };
  }

  save(mappingId: string, streamArn: string, position: StreamMappingPosition): void {
    this.saved.set(mappingId, { streamArn, ...position });
  }
}
