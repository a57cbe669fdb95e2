import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESClient } from '@aws-sdk/client-ses';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import type { LocalCredentials } from '../../local/iam/credentials';

export const REGION = 'us-east-1';

/** The clients of one identity: as the local administrator, or as a function's execution role. */
export interface IdentityClients {
  dynamodb: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  ses: SESClient;
  kms: KMSClient;
}

/** Real SDK v3 clients on the runtime's endpoint, with enough sockets for the requested concurrency. */
export interface BenchClients extends IdentityClients {
  /** Clients acting as another identity (a function's role), sharing the sockets. */
  as(credentials: LocalCredentials): IdentityClients;
  destroy(): void;
}

/** Clients as the local administrator (any credentials that are no role's), and as any role they are asked for. */
export function createClients(endpoint: string, concurrency: number): BenchClients {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const created: Array<{ destroy(): void }> = [];
  const identity = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): IdentityClients => {
    const config = {
      endpoint,
      region: REGION,
      credentials,
      // Longer than the stall limit, so a runtime that stops answering is reported as a stall, with the counts reached.
      requestHandler: { httpAgent: agent, requestTimeout: 120_000 },
      maxAttempts: 1,
    };
    const dynamodb = new DynamoDBClient(config);
    const ses = new SESClient(config);
    const kms = new KMSClient(config);
    created.push(dynamodb, ses, kms);
    return { dynamodb, documents: DynamoDBDocumentClient.from(dynamodb), ses, kms };
  };
  return {
    ...identity({ accessKeyId: 'local', secretAccessKey: 'local' }),
    as: identity,
    destroy() {
      for (const client of created) client.destroy();
      agent.destroy();
    },
  };
}
