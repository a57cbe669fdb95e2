import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';

export const REGION = 'us-east-1';

/** Real SDK v3 clients on the runtime's endpoint, with enough sockets for the requested concurrency. */
export interface BenchClients {
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  ses: SESClient;
  kms: KMSClient;
  destroy(): void;
}

export function createClients(endpoint: string, concurrency: number): BenchClients {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const config = {
    endpoint,
    region: REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // Longer than the stall limit, so a runtime that stops answering is reported as a stall, with the counts reached.
    requestHandler: { httpAgent: agent, requestTimeout: 120_000 },
    maxAttempts: 1,
  };
  const dynamodb = new DynamoDBClient(config);
  const ses = new SESClient(config);
  const kms = new KMSClient(config);
  return {
    dynamodb,
    documents: DynamoDBDocumentClient.from(dynamodb),
    ses,
    kms,
    destroy() {
      dynamodb.destroy();
      ses.destroy();
      kms.destroy();
      agent.destroy();
    },
  };
}
