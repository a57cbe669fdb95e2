import type { MiddlewareObj } from '@middy/core';
import type { StreamBatch, StreamRecord } from './stream-record';

/**
 * A Pipe invokes its enrichment with a bare JSON array of records, which `@middy/event-normalizer` does not
 * recognise (it looks for `event.Records`). This middleware, used before the normalizer, wraps the array as
 * `{ Records }` and keeps a deep copy of the original records, since the normalizer rewrites records in place.
 * An empty batch answers `[]` at once: there is nothing to enrich, and the normalizer cannot handle zero records.
 */
export function pipesArrayToRecords(): MiddlewareObj<StreamBatch, unknown[]> {
  return {
    before: (request) => {
      const payload: unknown = request.event;
      if (!Array.isArray(payload)) {
        throw new TypeError(
          `Pipes enrichment payload must be a JSON array of stream records, received ${payload === null ? 'null' : typeof payload}`,
        );
      }
      if (payload.length === 0) return [];
      const originalRecords = payload as StreamRecord[];
      request.event = { Records: structuredClone(originalRecords) as StreamBatch['Records'], originalRecords };
      return undefined;
    },
  };
}
