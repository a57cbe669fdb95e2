import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsClients {
  endpoint: string;
  dynamodb: DynamoDBClient;
  streams: DynamoDBStreamsClient;
  eventBridge: EventBridgeClient;
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
  const clients = {
    dynamodb: new DynamoDBClient(config),
    streams: new DynamoDBStreamsClient(config),
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
  };
  return {
    endpoint,
    ...clients,
    whenReady,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
}
