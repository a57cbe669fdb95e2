import { DurableMap, StateStore } from '../storage/state-store';

interface Checkpoint {
  streamArn: string;
  /** The last sequence number settled (delivered, given up on, or filtered out); absent: from the trim horizon. */
  sequenceNumber?: string;
}

export type StreamPosition = { after: string | undefined };

/** Each pipe's durable position in its stream: written only after a batch is settled, so a crash re-delivers. */
export class PipeCheckpoints {
  private readonly checkpoints: DurableMap<Checkpoint>;

  constructor(store: StateStore) {
    this.checkpoints = store.collection<Checkpoint>('pipe-checkpoints');
  }

  /** The saved position, or undefined when there is none for this stream (first run, or a new template). */
  get(pipeArn: string, streamArn: string): StreamPosition | undefined {
    const saved = this.checkpoints.get(pipeArn);
    return saved?.streamArn === streamArn ? { after: saved.sequenceNumber } : undefined;
  }

  /** The last sequence number each pipe settled in its stream, for the console; undefined: nothing settled yet. */
  all(): Map<string, string | undefined> {
    return new Map([...this.checkpoints.entries()].map(([pipeArn, checkpoint]) => [pipeArn, checkpoint.sequenceNumber]));
  }

  save(pipeArn: string, streamArn: string, position: StreamPosition): void {
    this.checkpoints.set(pipeArn, {
      streamArn,
      ...(position.after !== undefined ? { sequenceNumber: position.after } : {}),
    });
  }
}
