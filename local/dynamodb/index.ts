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
  /** Creates the tables added to the template since the start (watch mode); tables already there keep their items. */
  addTables(tables: readonly TableModel[]): Promise<void>;
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
  const keySchemas = new Map(options.tables.map((table) => [table.name, table.keySchema]));
  captureWrites(store, keySchemas, options.streams);

  const streams = new Map<string, TableStream>();
  const state: DynamoDbState = { engine, streams, timeToLive: new Map() };
  const tableArns = new Map<string, string>();
  const learn = (tables: readonly TableModel[]): void => {
    for (const table of tables) {
      keySchemas.set(table.name, table.keySchema);
      tableArns.set(table.name, table.arn);
      if (table.stream) streams.set(table.name, tableStream(table.stream));
      if (table.timeToLiveAttribute) state.timeToLive.set(table.name, table.timeToLiveAttribute);
    }
  };
  learn(options.tables);
  const handler = createHandler(state);
  return {
    handler: options.tracer ? traceWrites(handler, options.tracer, tableArns) : handler,
    async addTables(tables) {
      const added = tables.filter((table) => !tableArns.has(table.name));
      await createModelTables(engine, added);
      learn(added);
    },
    close,
  };
}

function tableStream(stream: NonNullable<TableModel['stream']>): TableStream {
  return { arn: stream.arn, label: streamLabel(stream.arn), viewType: stream.viewType };
}
