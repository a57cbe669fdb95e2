import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { localOperatorCredentials } from '../aws-target/local-operator';

export interface AwsClients {
  endpoint: string;
  /** As the local administrator, as people write users and read tables. */
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  /** As the dev stage's operator role, which the bus policy lets publish users-fanout.users events. */
  eventBridge: EventBridgeClient;
  /** As the operator role, which the encrypted queues' keys let read them. */
  sqs: SQSClient;
  /** Resolves when the endpoint can serve requests; writes wait on it before each attempt. */
  whenReady(): Promise<void>;
  destroy(): void;
}

/** SDK clients for the local endpoint. One attempt each: callers that ride out a crash retry themselves. */
export function awsClients(endpoint: string, whenReady: () => Promise<void> = () => Promise.resolve()): AwsClients {
  const config = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
  const asOperator = { ...config, credentials: localOperatorCredentials('dev', 'reliability-kit') };
  const clients = {
    dynamodb: new DynamoDBClient(config),
    streams: new DynamoDBStreamsClient(config),
    eventBridge: new EventBridgeClient(asOperator),
    sqs: new SQSClient(asOperator),
  };
  return {
    endpoint,
    ...clients,
    whenReady,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
}
