import middy from '@middy/core';
import eventNormalizer from '@middy/event-normalizer';
import type { Context } from 'aws-lambda';
import { pipesArrayToRecords } from './pipes-array-to-records';
import type { StreamBatch, StreamRecord } from './stream-record';

export type PipesEnrichmentHandler<Result> = (records: StreamRecord[], context: Context) => Promise<Result[]>;

/**
 * Builds a Pipes enrichment Lambda: array payload -> `{ Records }` -> normalized images -> `process`.
 * The cast states the real calling convention: the Pipe passes an array, the middlewares turn it into a batch.
 */
export function pipesEnrichmentHandler<Result>(
  process: (batch: StreamBatch) => Result[] | Promise<Result[]>,
): PipesEnrichmentHandler<Result> {
  const handler = middy<StreamBatch, Result[]>()
    .use(pipesArrayToRecords() as middy.MiddlewareObj<StreamBatch, Result[]>)
    .use(eventNormalizer())
    .handler(async (batch) => process(batch));
  return handler as unknown as PipesEnrichmentHandler<Result>;
}
