import * as path from 'node:path';
import { App, RemovalPolicy, SecretValue, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** The physical names of the orders app; the test reads and writes them through SDK clients. */
export const ORDERS_APP = {
  stackName: 'orders-e2e',
  table: 'orders-e2e-orders',
  bus: 'orders-e2e-bus',
  streamFailures: 'orders-e2e-stream-failures',
  shipping: 'orders-e2e-shipping',
  partnerDeadLetters: 'orders-e2e-partner-dead-letters',
  placeOrder: 'orders-e2e-place-order',
  apiKeyHeader: 'x-partner-key',
  apiKey: 'local-partner-key',
} as const;

/**
 * A second CDK app, unrelated to users-fanout, that exercises what a stream-and-bus app uses beyond ours: an orders
 * table with a stream and time to live; a Lambda trigger on the stream that sees INSERTs only and sends the records
 * it fails on to an SQS on-failure destination; it puts `OrderPlaced` on a bus, where one rule's input transformer
 * reshapes the event into a shipping queue and another rule calls a partner's webhook through an API destination.
 * The function is plain JavaScript that leaves the AWS SDK to the Lambda runtime, as the NodejsFunction default does.
 */
export function synthesizeOrdersApp(outdir: string, partnerWebhookUrl: string): void {
  const app = new App({ outdir });
  const stack = new Stack(app, 'OrdersE2e', { stackName: ORDERS_APP.stackName });

  const orders = new dynamodb.Table(stack, 'Orders', {
    tableName: ORDERS_APP.table,
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    timeToLiveAttribute: 'expiresAt',
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const bus = new events.EventBus(stack, 'Bus', { eventBusName: ORDERS_APP.bus });
  const streamFailures = new sqs.Queue(stack, 'StreamFailures', { queueName: ORDERS_APP.streamFailures, enforceSSL: true });

  const placeOrder = new lambda.Function(stack, 'PlaceOrder', {
    functionName: ORDERS_APP.placeOrder,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(path.join(__dirname, 'functions', 'place-order')),
    environment: { BUS_NAME: bus.eventBusName },
  });
  bus.grantPutEventsTo(placeOrder);
  placeOrder.addEventSource(
    new DynamoEventSource(orders, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 1,
      retryAttempts: 1,
      onFailure: new SqsDlq(streamFailures),
      filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
    }),
  );

  const orderPlaced = { source: ['orders'], detailType: ['OrderPlaced'] };
  const shipping = new sqs.Queue(stack, 'Shipping', { queueName: ORDERS_APP.shipping, enforceSSL: true });
  new events.Rule(stack, 'ToShipping', {
    eventBus: bus,
    eventPattern: orderPlaced,
    targets: [
      new targets.SqsQueue(shipping, {
        message: events.RuleTargetInput.fromObject({
          order: events.EventField.fromPath('$.detail.id'),
          items: events.EventField.fromPath('$.detail.items'),
          placedAt: events.EventField.time,
        }),
      }),
    ],
  });

  const partner = new events.ApiDestination(stack, 'Partner', {
    connection: new events.Connection(stack, 'PartnerConnection', {
      authorization: events.Authorization.apiKey(ORDERS_APP.apiKeyHeader, SecretValue.unsafePlainText(ORDERS_APP.apiKey)),
    }),
    endpoint: partnerWebhookUrl,
    httpMethod: events.HttpMethod.POST,
  });
  const partnerDeadLetters = new sqs.Queue(stack, 'PartnerDeadLetters', { queueName: ORDERS_APP.partnerDeadLetters, enforceSSL: true });
  new events.Rule(stack, 'ToPartner', {
    eventBus: bus,
    eventPattern: orderPlaced,
    targets: [new targets.ApiDestination(partner, { deadLetterQueue: partnerDeadLetters, retryAttempts: 0 })],
  });

  app.synth();
}
