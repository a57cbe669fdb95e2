import { streamNotFound } from './errors';
import type { SequenceCounter } from './sequence-numbers';
import type { StreamLog } from './stream-log';

/** What the Streams API actions read: every stream's log, and the clock. */
export interface StreamsState {
  /** In model order, which ListStreams pages through. */
  readonly logs: readonly StreamLog[];
  readonly sequence: SequenceCounter;
  now(): number;
}

export function logForArn(state: StreamsState, streamArn: string): StreamLog {
  const log = state.logs.find((candidate) => candidate.definition.arn === streamArn);
  if (!log) throw streamNotFound(streamArn);
  return log;
}
