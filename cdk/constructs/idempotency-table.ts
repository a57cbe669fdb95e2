import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { SecureTable } from './secure-table';

export interface IdempotencyTableProps {
  /** Physical table name. */
  readonly tableName: string;
}

/**
 * The table layout Powertools idempotency expects by default: partition key `id`, expiry in `expiration`.
 * Records are short-lived and reproducible, so the table is always destroyed with the stack.
 */
export class IdempotencyTable extends SecureTable {
  constructor(scope: Construct, id: string, props: IdempotencyTableProps) {
    super(scope, id, {
      tableName: props.tableName,
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });
  }

  /** Exactly the calls the Powertools DynamoDB persistence layer makes, and nothing more. */
  grantIdempotencyRecords(grantee: iam.IGrantable): iam.Grant {
    return this.grants.actions(grantee, 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
  }
}
