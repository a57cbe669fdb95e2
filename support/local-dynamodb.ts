import * as path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import type { Clock } from '../local/clock';
import { createDynamoDb, type LocalDynamoDb as DynamoDbService } from '../local/dynamodb';
import type { StreamViewType, TableModel } from '../local/model/types';
import { startEndpoint, type Endpoint } from '../local/server';
import { openStateStore, type StateStore } from '../local/storage/state-store';
import { createStreams, type LocalStreams } from '../local/streams';
import { ACCOUNT, REGION } from './local-fixtures';


export function streamedTable(name: string, viewType: StreamViewType): TableModel {
  const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
  return {
    logicalId: name.replace(/[^A-Za-z0-9]/g, ''),
    name,
    arn,
    keySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
    attributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
    globalSecondaryIndexes: [],
    localSecondaryIndexes: [],
    stream: { viewType, arn: `${arn}/stream/2026-01-01T00:00:00.000` },
  };
}

/** A table without a stream, with a sort key, a GSI and TTL, like the audit and idempotency tables. */
export function auditTable(name = 'audit'): TableModel {
  return {
    logicalId: 'Audit',
    name,
    arn: `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
    keySchema: [
      { AttributeName: 'userId', KeyType: 'HASH' },
      { AttributeName: 'eventId', KeyType: 'RANGE' },
    ],
    attributeDefinitions: [
      { AttributeName: 'userId', AttributeType: 'S' },
      { AttributeName: 'eventId', AttributeType: 'S' },
      { AttributeName: 'kind', AttributeType: 'S' },
    ],
    globalSecondaryIndexes: [
      { IndexName: 'byKind', KeySchema: [{ AttributeName: 'kind', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
    ],
    localSecondaryIndexes: [],
    timeToLiveAttribute: 'expiration',
  };
}

export const DEFAULT_TABLES: TableModel[] = [
  streamedTable('users', 'NEW_AND_OLD_IMAGES'),
  streamedTable('keys-only', 'KEYS_ONLY'),
  streamedTable('new-image', 'NEW_IMAGE'),
  streamedTable('old-image', 'OLD_IMAGE'),
  auditTable(),
];

export interface LocalDynamoDb {
  endpoint: Endpoint;
  streams: LocalStreams;
  dynamoDb: DynamoDbService;
  store: StateStore;
  dynamo: DynamoDBClient;
  dynamoStreams: DynamoDBStreamsClient;
  close(): Promise<void>;
}

/** The endpoint with DynamoDB and Streams mounted, as the runtime wires them, on a free port. */
export async function startLocalDynamoDb(options: { dataDir?: string; tables?: TableModel[]; clock?: Clock } = {}): Promise<LocalDynamoDb> {
  const tables = options.tables ?? DEFAULT_TABLES;
  const endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
  const store = openStateStore(options.dataDir && path.join(options.dataDir, 'state'));
  const streams = createStreams({ tables, store, region: REGION, account: ACCOUNT, clock: options.clock });
  const dynamoDb = await createDynamoDb({
    tables,
    dataDir: options.dataDir && path.join(options.dataDir, 'dynamodb'),
    streams: streams.capture,
    streamRegistry: streams.registry,
  }).catch(async (error: unknown) => {
    await endpoint.close();
    await streams.close();
    store.close();
    throw error;
  });
  endpoint.mount(dynamoDb.handler);
  endpoint.mount(streams.handler);
  const clientConfig = {
    endpoint: endpoint.url,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamo = new DynamoDBClient(clientConfig);
  const dynamoStreams = new DynamoDBStreamsClient(clientConfig);
  return {
    endpoint,
    streams,
    dynamoDb,
    store,
    dynamo,
    dynamoStreams,
    async close() {
      dynamo.destroy();
      dynamoStreams.destroy();
      await endpoint.close();
      await streams.close();
      await dynamoDb.close();
      store.close();
    },
  };
}
