import { CloudwatchLogsLogDestination, Filter, FilterPattern, ITarget, LogLevel, Pipe } from '@aws-cdk/aws-pipes-alpha';
import { DynamoDBSource, DynamoDBStartingPosition, OnPartialBatchItemFailure } from '@aws-cdk/aws-pipes-sources-alpha';
import { ArnFormat, Duration, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LambdaEnrichment } from './lambda-enrichment';
import { acknowledgeNoDeadLetterQueue, acknowledgeStreamListing } from './nag';
import { OperatorQueue } from './secure-queue';
import { LogGroupSettings, ServiceFunction } from './service-function';

export interface NewItemsPipeProps {
  /** Physical pipe name. */
  readonly pipeName: string;
  readonly description: string;
  /** The table whose stream is read; it must have a stream. */
  readonly table: dynamodb.Table;
  /** The service (folder under `services/`) that enriches each batch; it receives the records as a JSON array. */
  readonly enrichmentService: string;
  readonly enrichmentDescription: string;
  readonly target: ITarget;
  /**
   * Records per batch. An EventBridge target accepts at most 10 entries per call, hence the cap.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long to wait for a batch to fill. None by default: a window only delays records when they arrive too slowly
   * to fill a batch, which is when batching saves least (a few more enrichment invocations, at cents per million);
   * records that arrive fast fill batches without one. Without it, a sign-up is announced as soon as it is read.
   * @default Duration.seconds(0)
   */
  readonly maximumBatchingWindow?: Duration;
  /**
   * Retries of a failing batch (after bisecting) before it goes to the dead-letter queue. Never infinite: an
   * infinite retry lets one bad record block its shard until the record expires from the stream.
   * @default 5
   */
  readonly maximumRetryAttempts?: number;
  /**
   * Records older than this are sent to the dead-letter queue instead of being processed late.
   * @default Duration.hours(1)
   */
  readonly maximumRecordAge?: Duration;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  /** The enrichment's and the pipe's log groups. */
  readonly logs: LogGroupSettings;
}

const MAX_EVENTBRIDGE_BATCH = 10;

/**
 * A pipe from a DynamoDB stream, new items only (`eventName` INSERT), through an enrichment service to a target.
 *
 * It reads from the oldest record still in the stream (TRIM_HORIZON), so nothing written before the pipe
 * starts is lost; bisects a failing batch so good records are not held up by a bad one; and gives up on a
 * batch after bounded retries or age, sending it to an encrypted dead-letter queue. The pipe is created
 * only after its role's policy, so the dead-letter permission exists from its first batch on.
 */
export class NewItemsPipe extends Construct {
  readonly pipe: Pipe;
  readonly enrichmentFunction: ServiceFunction;
  readonly deadLetterQueue: OperatorQueue;
  readonly logGroup: logs.LogGroup;
  /** How long after a write the pipe may still (re)deliver it: redelivery windows downstream start here. */
  readonly maximumRecordAge: Duration;

  constructor(scope: Construct, id: string, props: NewItemsPipeProps) {
    super(scope, id);
    const batchSize = props.batchSize ?? MAX_EVENTBRIDGE_BATCH;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_EVENTBRIDGE_BATCH) {
      throw new Error(`NewItemsPipe ${props.pipeName}: batchSize must be an integer from 1 to ${MAX_EVENTBRIDGE_BATCH}, got ${batchSize}`);
    }
    this.maximumRecordAge = props.maximumRecordAge ?? Duration.hours(1);

    this.enrichmentFunction = new ServiceFunction(this, 'Enrichment', {
      serviceName: props.enrichmentService,
      functionName: `${props.pipeName}-enrichment`,
      description: props.enrichmentDescription,
      logs: props.logs,
    });
    // SQS-managed encryption: a failed batch is kept as its shard and sequence range only, never the records.
    this.deadLetterQueue = new OperatorQueue(this, 'DeadLetterQueue', {
      queueName: `${props.pipeName}-dlq`,
      removalPolicy: props.removalPolicy,
    });
    acknowledgeNoDeadLetterQueue(
      this.deadLetterQueue,
      'This queue is the dead-letter target of the pipe (its DeadLetterConfig, which cdk-nag does not read as a DLQ); ' +
        'only operators read it, so a DLQ behind it would never receive anything. Its depth is alarmed instead.',
    );
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/vendedlogs/pipes/${props.pipeName}`,
      retention: logs.RetentionDays.ONE_MONTH,
      encryptionKey: props.logs.encryptionKey,
      removalPolicy: props.logs.removalPolicy,
    });

    const role = pipeRole(this, props.pipeName);
    this.pipe = new Pipe(this, 'Pipe', {
      pipeName: props.pipeName,
      role,
      description: props.description,
      source: new DynamoDBSource(props.table, {
        startingPosition: DynamoDBStartingPosition.TRIM_HORIZON,
        batchSize,
        maximumBatchingWindow: props.maximumBatchingWindow ?? Duration.seconds(0),
        maximumRetryAttempts: props.maximumRetryAttempts ?? 5,
        maximumRecordAge: this.maximumRecordAge,
        onPartialBatchItemFailure: OnPartialBatchItemFailure.AUTOMATIC_BISECT,
        deadLetterTarget: this.deadLetterQueue,
      }),
      filter: new Filter([FilterPattern.fromObject({ eventName: ['INSERT'] })]),
      enrichment: new LambdaEnrichment(this.enrichmentFunction),
      target: props.target,
      logLevel: LogLevel.ERROR,
      logDestinations: [new CloudwatchLogsLogDestination(this.logGroup)],
    });
    // Pipes checks the role when the pipe is created: without this the pipe could race its own policy.
    this.pipe.node.defaultChild?.node.addDependency(this.pipe.pipeRole);
    // The pipe's source grants the stream read (Table.grantStreamRead) when the pipe is built, just above.
    acknowledgeStreamListing(role);
  }
}

/** A role only this pipe can assume: the trust policy names the pipe, so no other pipe can borrow it. */
function pipeRole(scope: Construct, pipeName: string): iam.Role {
  const stack = Stack.of(scope);
  const pipeArn = stack.formatArn({ service: 'pipes', resource: 'pipe', resourceName: pipeName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  return new iam.Role(scope, 'PipeRole', {
    description: `Assumed by the ${pipeName} pipe only`,
    assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': pipeArn } },
    }),
  });
}
