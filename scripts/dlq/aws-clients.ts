import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';

export interface AwsTarget {
  /** Undefined means AWS itself: the SDK's default endpoint and credential chain. */
  endpoint?: string;
  /** Undefined lets the SDK resolve it (environment, then profile). */
  region?: string;
}

export interface AwsClients {
  sqs: SQSClient;
  lambda: LambdaClient;
  streams: DynamoDBStreamsClient;
  eventBridge: EventBridgeClient;
  /** Reads a rejected user's item, which the rejected-users queue does not keep. */
  dynamodb: DynamoDBClient;
  destroy(): void;
}

/** The local runtime checks no signature, so a local endpoint works without configured credentials. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const LOCAL_REGION = 'us-east-1';

export function createAwsClients(target: AwsTarget): AwsClients {
  const local = target.endpoint !== undefined;
  const config = {
    region: target.region ?? (local ? LOCAL_REGION : undefined),
    ...(local ? { endpoint: target.endpoint } : {}),
    ...(local && process.env.AWS_ACCESS_KEY_ID === undefined ? { credentials: LOCAL_CREDENTIALS } : {}),
  };
  const clients = {
    sqs: new SQSClient(config),
    lambda: new LambdaClient(config),
    streams: new DynamoDBStreamsClient(config),
    eventBridge: new EventBridgeClient(config),
    dynamodb: new DynamoDBClient(config),
  };
  return { ...clients, destroy: () => Object.values(clients).forEach((client) => client.destroy()) };
}
