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
import { createdStreamDefinitions, newStreamDefinition, type StreamRegistry } from './stream-registry';
import type { StreamsState } from './state';

export type { ItemChange, PendingChange, StreamCapture } from './stream-capture';
export type { CreatedTable, StreamRegistry } from './stream-registry';
export type { AttributeMap } from './item-images';
export { streamLabel } from './stream-definition';
export { recordSpanKey } from './record-span';
export { persistentStreamLabels, type StreamLabeller } from './stream-labels';
export { STREAMS_TARGET_PREFIX } from './handler';
export { STREAMS_OPERATIONS } from './operations';
export type { StreamsState } from './state';

export interface CreateStreamsOptions {
  tables: readonly TableModel[];
  store: StateStore;
  region: string;
  /** For the ARNs of streams created through the API. */
  account: string;
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
  /** Gives tables created through DynamoDB's API their streams. */
  registry: StreamRegistry;
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
/** The definitions of streams created through the API, by table name. */
const CREATED_COLLECTION = 'streams-created';
/** The metadata key holding the highest sequence number ever issued, for when every record has been trimmed. */
const SEQUENCE_KEY = 'sequence';

/** The durable DynamoDB Streams of every table in the model that has one, and of tables created with one through the API. */
export function createStreams(options: CreateStreamsOptions): LocalStreams {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now();
  const retentionSeconds = (options.retentionHours ?? 24) * 3600;
  const metadata = options.store.collection<StreamMetadata | string>(METADATA_COLLECTION);
  const createdDefinitions = options.store.collection<StreamDefinition>(CREATED_COLLECTION);
  const modelDefinitions = streamDefinitions(options.tables);
  const definitions = [
    ...modelDefinitions,
    ...createdStreamDefinitions(createdDefinitions, new Set(options.tables.map((table) => table.name))),
  ];

  const recordsOf = (definition: StreamDefinition) => options.store.collection<StreamRecord>(`stream.${definition.tableName}`);
  const sequence = new SequenceCounter(highestIssued(metadata.get(SEQUENCE_KEY) as string | undefined, definitions.map(recordsOf)));

  // Every open stream, as the API lists them, the port reads them and the capture appends to them.
  const logs: StreamLog[] = [];
  const logsByArn = new Map<string, StreamLog>();
  const logsByTable = new Map<string, StreamLog>();
  const openLog = (definition: StreamDefinition): void => {
    const durable = recordsOf(definition);
    const saved = metadata.get(definition.arn) as StreamMetadata | undefined;
    // A stream new to the state starts empty: records kept for the table belong to an earlier stream of it.
    if (!saved) durable.clear();
    const initial = saved ?? {
      createdAt: creationTimeOf(definition.label) ?? now() / 1000,
      startingSequenceNumber: formatSequenceNumber(counterOf(sequence.current()) + 1),
    };
    if (!saved) metadata.set(definition.arn, initial);
    const save = (updated: StreamMetadata): void => {
      metadata.set(definition.arn, updated);
      // Trimming may remove the newest record; the counter must still never go back.
      metadata.set(SEQUENCE_KEY, sequence.current());
    };
    const log = new StreamLog(definition, durable, initial, save);
    logs.push(log);
    logsByArn.set(definition.arn, log);
    logsByTable.set(definition.tableName, log);
  };
  for (const definition of definitions) openLog(definition);
  const state: StreamsState = { logs, sequence, now };

  const capture = createStreamCapture({
    logs: logsByTable,
    pending: options.store.collection<ItemChange>(PENDING_COLLECTION),
    sequence,
    region: options.region,
    now,
    tracer: options.tracer,
  });

  const registry: StreamRegistry = {
    create(table) {
      const existing = logsByTable.get(table.tableName);
      if (existing) return existing.definition;
      const definition = newStreamDefinition(table, options, now());
      createdDefinitions.set(table.tableName, definition);
      openLog(definition);
      return definition;
    },
    remove(tableName) {
      if (!createdDefinitions.delete(tableName)) return false;
      // The stream stays readable, as a deleted table's stream does in AWS until retention; it captures no more.
      logsByTable.delete(tableName);
      return true;
    },
    created: () => [...createdDefinitions.values()].filter((definition) => logsByTable.get(definition.tableName)?.definition === definition),
  };

  const trim = (): number => {
    const cutoff = Math.floor(now() / 1000) - retentionSeconds;
    return logs.reduce((total, log) => total + log.trimOlderThan(cutoff), 0);
  };
  trim();
  const trimTimer = every(clock, TRIM_INTERVAL_MS, trim, { unref: true });

  return {
    port: createStreamsPort(logsByArn, now),
    capture,
    registry,
    handler: createHandler(state),
    trim,
    addTables(tables) {
      for (const definition of streamDefinitions(tables)) {
        if (!logsByArn.has(definition.arn)) openLog(definition);
      }
    },
    close: async () => trimTimer.cancel(),
  };
}

/** A stream's label is its creation time; DescribeStream reports the same instant, in epoch seconds. */
function creationTimeOf(label: string): number | undefined {
  const ms = Date.parse(`${label}Z`);
  return Number.isNaN(ms) ? undefined : ms / 1000;
}

function highestIssued(saved: string | undefined, collections: Iterable<{ keys(): IterableIterator<string> }>): number {
  let highest = saved === undefined ? 0 : counterOf(saved);
  for (const collection of collections) {
    for (const sequenceNumber of collection.keys()) highest = Math.max(highest, counterOf(sequenceNumber));
  }
  return highest;
}

function createStreamsPort(logsByArn: ReadonlyMap<string, StreamLog>, now: () => number): StreamsPort {
  const logOf = (streamArn: string): StreamLog => {
    const log = logsByArn.get(streamArn);
    if (!log) throw new Error(`No stream ${streamArn} in the local model`);
    return log;
  };
  return {
    shardId: (streamArn) => logOf(streamArn).definition.shardId,
    attachReader(streamArn, name) {
      // Readers take their places in the order they start; one refused, or on a stream not there yet, tries again at
      // each read, which says why it cannot read.
      try {
        logOf(streamArn).readers.admit(name, true, now());
      } catch {
        // See the next read.
      }
      return {
        readAfter(after, limit) {
          const log = logOf(streamArn);
          log.readers.admit(name, true, now());
          // Copies, so a consumer that adds eventSourceARN does not change what GetRecords serves.
          return log.readAfter(after, limit).map((record) => ({ ...record }));
        },
        detach: () => logsByArn.get(streamArn)?.readers.release(name),
      };
    },
    latestSequenceNumber: (streamArn) => logOf(streamArn).latestSequenceNumber(),
    onAppend: (streamArn, listener) => logOf(streamArn).onAppend(listener),
  };
}

export type { StreamDefinition };
