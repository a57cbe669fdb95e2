import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

/** PutEvents accepts at most 10 entries per call. */
export const MAX_ENTRIES_PER_CALL = 10;

export type EntryResult =
  | { index: number; eventId: string }
  /** `cause` is the error of a call that failed as a whole, for telling "nothing answered" apart. */
  | { index: number; errorCode: string; errorMessage: string; cause?: unknown };

/**
 * Sends the entries in order, 10 per call, and answers one result per entry (same order). A call that fails as a
 * whole (network, credentials) fails each of its entries with the call's error; later chunks are still attempted.
 */
export async function sendEntries(client: EventBridgeClient, entries: readonly PutEventsRequestEntry[]): Promise<EntryResult[]> {
  const results: EntryResult[] = [];
  for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_CALL) {
    const chunk = entries.slice(start, start + MAX_ENTRIES_PER_CALL);
    results.push(...(await sendChunk(client, chunk, start)));
  }
  return results;
}

async function sendChunk(client: EventBridgeClient, chunk: PutEventsRequestEntry[], firstIndex: number): Promise<EntryResult[]> {
  try {
    const response = await client.send(new PutEventsCommand({ Entries: chunk }));
    return chunk.map((_, offset) => {
      const index = firstIndex + offset;
      const result = response.Entries?.[offset];
      if (result?.EventId) return { index, eventId: result.EventId };
      return {
        index,
        errorCode: result?.ErrorCode ?? 'MissingResult',
        errorMessage: result?.ErrorMessage ?? 'PutEvents returned no result for this entry',
      };
    });
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    return chunk.map((_, offset) => ({ index: firstIndex + offset, errorCode: name, errorMessage: message, cause: error }));
  }
}

export function formatResult(result: EntryResult): string {
  return 'eventId' in result
    ? `entry ${result.index}: EventId ${result.eventId}`
    : `entry ${result.index}: FAILED ${result.errorCode}: ${result.errorMessage}`;
}
