import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface SecureTableProps {
  /** Physical table name. */
  readonly tableName: string;
  readonly partitionKey: dynamodb.Attribute;
  /** @default - no sort key */
  readonly sortKey?: dynamodb.Attribute;
  /** @default - no stream */
  readonly stream?: dynamodb.StreamViewType;
  /** @default - items never expire */
  readonly timeToLiveAttribute?: string;
  /**
   * RETAIN keeps the data (and turns on deletion protection) when the stack is deleted.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A DynamoDB table that is secure and recoverable by default: on-demand capacity, encryption at rest with the
 * AWS managed key, and point-in-time recovery.
 */
export class SecureTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: SecureTableProps) {
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    super(scope, id, {
      tableName: props.tableName,
      partitionKey: props.partitionKey,
      sortKey: props.sortKey,
      stream: props.stream,
      timeToLiveAttribute: props.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });
  }
}
