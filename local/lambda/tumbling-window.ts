import type { StreamRecord } from '../model/ports';
import { recordCreatedAtMs } from '../stream-consumer';

/** Lambda ends a window early when its state grows past 1 MB. */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024;

/** A lane's open window and the state its invocations returned so far. */
export interface OpenWindow {
  /** Epoch ms. */
  start: number;
  state: unknown;
}

/** The event of an invocation with tumbling windows, in AWS's field order. */
export interface TumblingWindowEvent {
  Records: StreamRecord[];
  window: { start: string; end: string };
  state: unknown;
  shardId: string;
  eventSourceARN: string;
  isFinalInvokeForWindow: boolean;
  isWindowTerminatedEarly: boolean;
}

/** Windows open and close at fixed intervals of the clock; a record belongs to the window of its creation time. */
export function windowStartOf(record: StreamRecord, windowMs: number): number {
  const created = recordCreatedAtMs(record);
  return created - (created % windowMs);
}

/** Window bounds to the second, as AWS writes them: `2020-07-30T17:00:00Z`. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function tumblingWindowEvent(input: {
  records: StreamRecord[];
  window: OpenWindow;
  windowMs: number;
  shardId: string;
  streamArn: string;
  final: boolean;
  terminatedEarly: boolean;
}): TumblingWindowEvent {
  return {
    Records: input.records,
    window: { start: isoSeconds(input.window.start), end: isoSeconds(input.window.start + input.windowMs) },
    state: input.window.state,
    shardId: input.shardId,
    eventSourceARN: input.streamArn,
    isFinalInvokeForWindow: input.final,
    isWindowTerminatedEarly: input.terminatedEarly,
  };
}

/** A windowed invocation must answer with a `state` property; Lambda counts one that does not as failed. */
export function returnedState(payload: unknown): { state: unknown } | undefined {
  if (payload === null || typeof payload !== 'object' || !('state' in payload)) return undefined;
  return { state: (payload as { state: unknown }).state };
}

export function stateBytes(state: unknown): number {
  return Buffer.byteLength(JSON.stringify(state ?? null));
}
