import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { SecureTable } from './secure-table';

export interface AuditLogTableProps {
  readonly stage: string;
  /** @default RemovalPolicy.DESTROY; use RETAIN where the data matters (prod) */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Append-only audit trail, `users-fanout-<stage>-audit-log`: one item per event, queried by `userId`. The sort
 * key is the event id, so a conditional put of a redelivered event writes nothing new.
 */
export class AuditLogTable extends SecureTable {
  constructor(scope: Construct, id: string, props: AuditLogTableProps) {
    super(scope, id, {
      tableName: `users-fanout-${props.stage}-audit-log`,
      partitionKey: { name: 'userId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'eventId', type: dynamodb.AttributeType.STRING },
      removalPolicy: props.removalPolicy,
    });
  }
}
