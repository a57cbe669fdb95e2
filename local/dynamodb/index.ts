import { create } from 'dynalite/db';
import { systemClock, type Clock } from '../clock';
import { consoleLogSink, type LogSink } from '../log-sink';
import type { TableModel } from '../model/types';
import type { HttpServiceHandler, JsonServiceHandler } from '../protocol/service';
import { streamLabel, type StreamCapture, type StreamRegistry } from '../streams';
import { DynaliteEngine } from './engine';
import { createHandler } from './handler';
import { createModelTables } from './model-tables';
import { rollForwardUnfinishedWrites } from './recovery';
import { createdTableStream, type DynamoDbState, type TableStream } from './state';
import { ttlSweepRoute } from './ttl-sweep-route';
import { TtlSweeper, type TtlSweepResult } from './ttl-sweeper';
import { captureWrites } from './write-capture';
import { traceWrites } from './traced-writes';
import type { Tracer } from '../trace';

export { DYNAMODB_TARGET_PREFIX } from './handler';
export { TTL_SWEEP_PATH } from './ttl-sweep-route';
export { TTL_SERVICE_IDENTITY, type TtlSweepResult } from './ttl-sweeper';
export { DYNAMODB_OPERATIONS } from './operations';
export type { DynamoDbState } from './state';

export interface CreateDynamoDbOptions {
  tables: readonly TableModel[];
  /** Where dynalite keeps its LevelDB files; undefined keeps everything in memory. */
  dataDir?: string;
  /** Receives every write to a table with a stream (from `createStreams`). */
  streams: StreamCapture;
  /** Gives tables created through the API with a StreamSpecification their streams (from `createStreams`). */
  streamRegistry: StreamRegistry;
  /** For table ARNs; defaults to the region and account in the first table's ARN, else us-east-1 and 000000000000. */
  region?: string;
  account?: string;
  /** Each table a function's invocation writes to is a hop of that invocation. */
  tracer?: Tracer;
  /** Time to live runs on it; the real clock by default. */
  clock?: Clock;
  /** How often expired items are swept; default one minute of the clock. */
  ttlSweepIntervalMs?: number;
  /** Where each sweep that deleted something says so; standard output by default. */
  logSink?: LogSink;
}

export interface LocalDynamoDb {
  handler: JsonServiceHandler;
  /** Creates the tables added to the template since the start (watch mode); tables already there keep their items. */
  addTables(tables: readonly TableModel[]): Promise<void>;
  /** `POST /_local/dynamodb/ttl-sweep`: the TTL sweep on request. */
  ttlSweepHandler: HttpServiceHandler;
  /** Deletes every item whose time to live has passed, now. */
  sweepTimeToLive(): Promise<TtlSweepResult>;
  close(): Promise<void>;
}

const DEFAULT_TTL_SWEEP_INTERVAL_MS = 60_000;

/** The local DynamoDB: dynalite in-process, the model's tables created, and writes captured onto their streams. */
export async function createDynamoDb(options: CreateDynamoDbOptions): Promise<LocalDynamoDb> {
  const store = create({ path: options.dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const arnParts = options.tables[0]?.arn.split(':');
  store.tableDb.awsRegion = options.region ?? arnParts?.[3] ?? 'us-east-1';
  store.tableDb.awsAccountId = options.account ?? arnParts?.[4] ?? '000000000000';
  const engine = new DynaliteEngine(store);

  const closeStore = (): Promise<void> =>
    new Promise((resolve, reject) => store.lifecycleManager.gracefulClose((error) => (error ? reject(error) : resolve())));
  try {
    await createModelTables(engine, options.tables);
    await rollForwardUnfinishedWrites(engine, options.streams);
  } catch (error) {
    await closeStore().catch(() => undefined);
    throw error;
  }
  const keySchemas = new Map<string, TableModel['keySchema']>();
  const partitionKeys = new Map<string, string>();
  const state: DynamoDbState = {
    engine,
    streams: new Map(),
    keySchemas,
    streamRegistry: options.streamRegistry,
    timeToLive: new Map(),
    partitionKeys,
  };
  const tableArns = new Map<string, string>();
  const learn = (tables: readonly TableModel[]): void => {
    for (const table of tables) {
      keySchemas.set(table.name, table.keySchema);
      tableArns.set(table.name, table.arn);
      if (table.stream) state.streams.set(table.name, tableStream(table.stream));
      if (table.timeToLiveAttribute) state.timeToLive.set(table.name, table.timeToLiveAttribute);
      const partitionKey = table.keySchema.find((key) => key.KeyType === 'HASH');
      if (partitionKey) partitionKeys.set(table.name, partitionKey.AttributeName);
    }
  };
  learn(options.tables);
  // Tables made through CreateTable with a stream, in an earlier run.
  for (const definition of options.streamRegistry.created()) {
    keySchemas.set(definition.tableName, definition.keySchema);
    state.streams.set(definition.tableName, createdTableStream(definition));
  }
  captureWrites(store, keySchemas, options.streams);

  const sweeper = new TtlSweeper(state, options.clock ?? systemClock, options.logSink ?? consoleLogSink);
  sweeper.start(options.ttlSweepIntervalMs ?? DEFAULT_TTL_SWEEP_INTERVAL_MS);
  const handler = createHandler(state);
  return {
    handler: options.tracer ? traceWrites(handler, options.tracer, tableArns) : handler,
    ttlSweepHandler: ttlSweepRoute(sweeper),
    sweepTimeToLive: () => sweeper.sweep(),
    async addTables(tables) {
      const added = tables.filter((table) => !tableArns.has(table.name));
      await createModelTables(engine, added);
      learn(added);
    },
    async close() {
      await sweeper.close();
      await closeStore();
    },
  };
}

function tableStream(stream: NonNullable<TableModel['stream']>): TableStream {
  return { arn: stream.arn, label: streamLabel(stream.arn), viewType: stream.viewType };
}
