import { every, systemClock, type Clock } from '../clock';
import type { StreamRecord, StreamsPort } from '../model/ports';
import type { TableModel } from '../model/types';
import type { JsonServiceHandler } from '../protocol/service';
import type { StateStore } from '../storage/state-store';
import type { Tracer } from '../trace';
import { createHandler } from './handler';
import { counterOf, formatSequenceNumber, SequenceCounter } from './sequence-numbers';
import { createStreamCapture, type ItemChange, type StreamCapture } from './stream-capture';
import { streamDefinitions, type StreamDefinition } from './stream-definition';
import { StreamLog, type StreamMetadata } from './stream-log';
import type { StreamsState } from './state';

export type { ItemChange, PendingChange, StreamCapture } from './stream-capture';
export type { AttributeMap } from './item-images';
export { streamLabel } from './stream-definition';
export { recordSpanKey } from './record-span';
export { STREAMS_TARGET_PREFIX } from './handler';
export { STREAMS_OPERATIONS } from './operations';
export type { StreamsState } from './state';

export interface CreateStreamsOptions {
  tables: readonly TableModel[];
  store: StateStore;
  region: string;
  /** Records older than this are trimmed; AWS keeps 24 hours. */
  retentionHours?: number;
  /** Record times, iterator expiry and retention run on it; the real clock by default. */
  clock?: Clock;
  /** Each appended record starts a trace. */
  tracer?: Tracer;
}

export interface LocalStreams {
  port: StreamsPort;
  capture: StreamCapture;
  handler: JsonServiceHandler;
  /** Drops records older than the retention period now; also runs every minute on the clock. Returns how many were dropped. */
  trim(): number;
  /** Opens the streams of tables added to the template since the start (watch mode); streams already open are kept. */
  addTables(tables: readonly TableModel[]): void;
  close(): Promise<void>;
}

const TRIM_INTERVAL_MS = 60_000;
const METADATA_COLLECTION = 'streams-metadata';
const PENDING_COLLECTION = 'streams-pending';
/** The metadata key holding the highest sequence number ever issued, for when every record has been trimmed. */
const SEQUENCE_KEY = 'sequence';

/** The durable DynamoDB Streams of every table in the model that has one. */
export function createStreams(options: CreateStreamsOptions): LocalStreams {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const retentionSeconds = (options.retentionHours ?? 24) * 3600;
  const metadata = options.store.collection<StreamMetadata | string>(METADATA_COLLECTION);
  const definitions = streamDefinitions(options.tables);

  const durableRecords = new Map(
    definitions.map((definition) => [definition.arn, options.store.collection<StreamRecord>(`stream.${definition.tableName}`)]),
  );
  const sequence = new SequenceCounter(highestIssued(metadata.get(SEQUENCE_KEY) as string | undefined, durableRecords.values()));

  const openLog = (definition: StreamDefinition): StreamLog => {
    const saved = metadata.get(definition.arn) as StreamMetadata | undefined;
    const initial = saved ?? { createdAt: Math.floor(now() / 1000), startingSequenceNumber: formatSequenceNumber(counterOf(sequence.current()) + 1) };
    if (!saved) metadata.set(definition.arn, initial);
    const save = (updated: StreamMetadata): void => {
      metadata.set(definition.arn, updated);
      // Trimming may remove the newest record; the counter must still never go back.
      metadata.set(SEQUENCE_KEY, sequence.current());
    };
    const records = durableRecords.get(definition.arn) ?? options.store.collection<StreamRecord>(`stream.${definition.tableName}`);
    return new StreamLog(definition, records, initial, save);
  };
  const logs = definitions.map(openLog);
  const logsByArn = new Map(logs.map((log) => [log.definition.arn, log]));
  const logsByTable = new Map(logs.map((log) => [log.definition.tableName, log]));
  const state: StreamsState = { logs, sequence, now };

  const capture = createStreamCapture({
    logs: logsByTable,
    pending: options.store.collection<ItemChange>(PENDING_COLLECTION),
    sequence,
    region: options.region,
    now,
    tracer: options.tracer,
  });

  const trim = (): number => {
    const cutoff = Math.floor(now() / 1000) - retentionSeconds;
    return logs.reduce((total, log) => total + log.trimOlderThan(cutoff), 0);
  };
  trim();
  const trimTimer = every(clock, TRIM_INTERVAL_MS, trim, { unref: true });

  return {
    port: createStreamsPort(logsByArn),
    capture,
    handler: createHandler(state),
    trim,
    addTables(tables) {
      for (const definition of streamDefinitions(tables)) {
        if (logsByArn.has(definition.arn)) continue;
        const log = openLog(definition);
        logs.push(log);
        logsByArn.set(definition.arn, log);
        logsByTable.set(definition.tableName, log);
      }
    },
    close: async () => trimTimer.cancel(),
  };
}

function highestIssued(saved: string | undefined, collections: Iterable<{ keys(): IterableIterator<string> }>): number {
  let highest = saved === undefined ? 0 : counterOf(saved);
  for (const collection of collections) {
    for (const sequenceNumber of collection.keys()) highest = Math.max(highest, counterOf(sequenceNumber));
  }
  return highest;
}

function createStreamsPort(logsByArn: ReadonlyMap<string, StreamLog>): StreamsPort {
  const logOf = (streamArn: string): StreamLog => {
    const log = logsByArn.get(streamArn);
    if (!log) throw new Error(`No stream ${streamArn} in the local model`);
    return log;
  };
  return {
    shardId: (streamArn) => logOf(streamArn).definition.shardId,
    // Copies, so a consumer that adds eventSourceARN does not change what GetRecords serves.
    readAfter: (streamArn, after, limit) => logOf(streamArn).readAfter(after, limit).map((record) => ({ ...record })),
    latestSequenceNumber: (streamArn) => logOf(streamArn).latestSequenceNumber(),
    onAppend: (streamArn, listener) => logOf(streamArn).onAppend(listener),
  };
}

export type { StreamDefinition };
