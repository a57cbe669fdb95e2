import { create } from 'dynalite/db';
import type { TableModel } from '../model/types';
import type { JsonServiceHandler } from '../protocol/service';
import { streamLabel, type StreamCapture } from '../streams';
import { DynaliteEngine } from './engine';
import { createHandler } from './handler';
import { createModelTables } from './model-tables';
import { rollForwardUnfinishedWrites } from './recovery';
import type { DynamoDbState, TableStream } from './state';
import { captureWrites } from './write-capture';
import { traceWrites } from './traced-writes';
import type { Tracer } from '../trace';

export { DYNAMODB_TARGET_PREFIX } from './handler';
export { DYNAMODB_OPERATIONS } from './operations';
export type { DynamoDbState } from './state';

export interface CreateDynamoDbOptions {
  tables: readonly TableModel[];
  /** Where dynalite keeps its LevelDB files; undefined keeps everything in memory. */
  dataDir?: string;
  /** Receives every write to a table with a stream (from `createStreams`). */
  streams: StreamCapture;
  /** For table ARNs; defaults to the region and account in the first table's ARN, else us-east-1 and 000000000000. */
  region?: string;
  account?: string;
  /** Each table a function's invocation writes to is a hop of that invocation. */
  tracer?: Tracer;
}

export interface LocalDynamoDb {
  handler: JsonServiceHandler;
  close(): Promise<void>;
}

/** The local DynamoDB: dynalite in-process, the model's tables created, and writes captured onto their streams. */
export async function createDynamoDb(options: CreateDynamoDbOptions): Promise<LocalDynamoDb> {
  const store = create({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const arnParts = options.tables[0]?.arn.split(':');
  store.tableDb.awsRegion = options.region ?? arnParts?.[3] ?? 'us-east-1';
  store.tableDb.awsAccountId = options.account ?? arnParts?.[4] ?? '000000000000';
  const engine = new DynaliteEngine(store);

  const close = (): Promise<void> =>
    new Promise((resolve, reject) => store.lifecycleManager.gracefulClose((error) => (error ? reject(error) : resolve())));
  try {
    await createModelTables(engine, options.tables);
    await rollForwardUnfinishedWrites(engine, options.streams);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  captureWrites(store, new Map(options.tables.map((table) => [table.name, table.keySchema])), options.streams);

  const state: DynamoDbState = {
    engine,
    streams: new Map(options.tables.flatMap((table) => (table.stream ? [[table.name, tableStream(table.stream)]] : []))),
    timeToLive: new Map(
      options.tables.flatMap((table) => (table.timeToLiveAttribute ? [[table.name, table.timeToLiveAttribute]] : [])),
    ),
  };
  const handler = createHandler(state);
  const tableArns = new Map(options.tables.map((table) => [table.name, table.arn]));
  return { handler: options.tracer ? traceWrites(handler, options.tracer, tableArns) : handler, close };
}

function tableStream(stream: NonNullable<TableModel['stream']>): TableStream {
  return { arn: stream.arn, label: streamLabel(stream.arn), viewType: stream.viewType };
}
