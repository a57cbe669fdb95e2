import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';

export const REGION = 'us-east-1';

/** Real SDK v3 clients on the runtime's endpoint, with enough sockets for the requested concurrency. */
export interface BenchClients {
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  ses: SESClient;
  destroy(): void;
}

export function createClients(endpoint: string, concurrency: number): BenchClients {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // A request the runtime never answers fails instead of holding a slot of the load generator forever.
    requestHandler: { httpAgent: agent, requestTimeout: 30_000 },
    maxAttempts: 1,
  };
  const dynamodb = new DynamoDBClient(config);
  const ses = new SESClient(config);
  return {
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb),
    ses,
    destroy() {
      dynamodb.destroy();
      ses.destroy();
      agent.destroy();
    },
  };
}
