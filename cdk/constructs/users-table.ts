import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { SecureTable } from './secure-table';

export interface UsersTableProps {
  readonly stage: string;
  /** @default RemovalPolicy.DESTROY; use RETAIN where the data matters (prod) */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The source of truth for users, `users-fanout-<stage>-users`, keyed by `userId`. Its stream carries both
 * images so a pipe can tell inserts from updates and read the new item without another lookup.
 */
export class UsersTable extends SecureTable {
  constructor(scope: Construct, id: string, props: UsersTableProps) {
    super(scope, id, {
      tableName: `users-fanout-${props.stage}-users`,
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      removalPolicy: props.removalPolicy,
    });
  }
}
