import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-defaults';

export interface AwsClientOptions {
  /** A local endpoint such as http://127.0.0.1:4566; undefined means AWS itself, with the SDK's credential chain. */
  endpoint?: string;
  /** Undefined lets the SDK resolve it (environment, then profile); us-east-1 against a local endpoint. */
  region?: string;
  /** SDK attempts per request (the SDK's default, 3, when undefined). Callers that ride out a crash retry themselves with 1. */
  maxAttempts?: number;
  /** Sockets kept open at once, for callers that keep this many requests in flight; Node's default otherwise. */
  maxSockets?: number;
  /** How long a request may wait for its response. */
  requestTimeoutMs?: number;
  /** Resolves when the endpoint can serve requests; callers that restart the runtime wait on it before each attempt. */
  whenReady?: () => Promise<void>;
}

/** One client per service the tests, benchmarks and scripts call, on one endpoint and one configuration. */
export interface AwsClients {
  /** Undefined when the clients talk to AWS itself. */
  endpoint: string | undefined;
  dynamodb: DynamoDBClient;
  /** The same DynamoDB client, taking and returning plain JavaScript values. */
  documents: DynamoDBDocumentClient;
  streams: DynamoDBStreamsClient;
  eventBridge: EventBridgeClient;
  sqs: SQSClient;
  ses: SESClient;
  lambda: LambdaClient;
  kms: KMSClient;
  whenReady(): Promise<void>;
  destroy(): void;
}

/** Clients of the local runtime, whose endpoint is known. */
export type LocalAwsClients = AwsClients & { endpoint: string };

/**
 * Real SDK v3 clients. Against a local endpoint they need no configured account: the region defaults to the
 * runtime's and, unless AWS_ACCESS_KEY_ID names credentials of its own, placeholder credentials do.
 */
export function createAwsClients(options: AwsClientOptions & { endpoint: string }): LocalAwsClients;
export function createAwsClients(options?: AwsClientOptions): AwsClients;
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const { endpoint } = options;
  const local = endpoint !== undefined;
  const agent = options.maxSockets === undefined ? undefined : new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const ownCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined;
  const config = {
    region: options.region ?? (local ? LOCAL_REGION : undefined),
    ...(local ? { endpoint } : {}),
    ...(local && !ownCredentials ? { credentials: LOCAL_CREDENTIALS } : {}),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(agent || options.requestTimeoutMs ? { requestHandler: { httpAgent: agent, requestTimeout: options.requestTimeoutMs } } : {}),
  };
  const dynamodb = new DynamoDBClient(config);
  const clients = {
    dynamodb,
    streams: new DynamoDBStreamsClient(config),
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    ses: new SESClient(config),
    lambda: new LambdaClient(config),
    kms: new KMSClient(config),
  };
  return {
    endpoint,
    ...clients,
    documents: DynamoDBDocumentClient.from(dynamodb),
    whenReady: options.whenReady ?? (() => Promise.resolve()),
    destroy() {
      for (const client of Object.values(clients)) client.destroy();
      agent?.destroy();
    },
  };
}
