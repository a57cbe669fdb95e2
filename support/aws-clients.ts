import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Agent } from 'node:http';
import type { LocalCredentials } from '../local/iam/credentials';
import { localOperatorCredentials } from '../scripts/aws-target/local-operator';
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
  /**
   * Against a local endpoint, who the clients act as: a role's local credentials (`roleCredentials`, or the operator's
   * from `scripts/aws-target/local-operator.ts`), which local IAM evaluates as that role. Undefined: the placeholder
   * credentials, which local IAM treats as the account's administrator.
   */
  credentials?: LocalCredentials;
  /**
   * Against a local endpoint: the stage whose operator role the EventBridge and SQS clients act as, as operators do in
   * AWS, where the bus policy lets only the pipe and the operators publish users-fanout.users events and the queue
   * keys let only their senders, receivers and the operators read the queues. The other clients stay as `credentials`
   * say: people write users and read tables as the account's administrator.
   */
  operatorOf?: string;
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
 * runtime's and, unless `credentials` or AWS_ACCESS_KEY_ID name credentials of their own, placeholder credentials do.
 */
export function createAwsClients(options: AwsClientOptions & { endpoint: string }): LocalAwsClients;
export function createAwsClients(options?: AwsClientOptions): AwsClients;
export function createAwsClients(options: AwsClientOptions = {}): AwsClients {
  const { endpoint } = options;
  const local = endpoint !== undefined;
  const agent = options.maxSockets === undefined ? undefined : new Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const ownCredentials = process.env.AWS_ACCESS_KEY_ID !== undefined;
  const credentials = options.credentials ?? (ownCredentials ? undefined : LOCAL_CREDENTIALS);
  const config = {
    region: options.region ?? (local ? LOCAL_REGION : undefined),
    ...(local ? { endpoint } : {}),
    ...(local && credentials ? { credentials } : {}),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(agent || options.requestTimeoutMs ? { requestHandler: { httpAgent: agent, requestTimeout: options.requestTimeoutMs } } : {}),
  };
  const operatorConfig = local && options.operatorOf !== undefined ? { ...config, credentials: localOperatorCredentials(options.operatorOf, 'support-kit') } : config;
  const dynamodb = new DynamoDBClient(config);
  const clients = {
    dynamodb,
    streams: new DynamoDBStreamsClient(config),
    eventBridge: new EventBridgeClient(operatorConfig),
    sqs: new SQSClient(operatorConfig),
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
