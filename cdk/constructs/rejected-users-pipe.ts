import { SqsTarget } from '@aws-cdk/aws-pipes-targets-alpha';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LogGroupSettings } from './service-function';
import { NewItemsPipe } from './new-items-pipe';

export interface RejectedUsersPipeProps {
  readonly stage: string;
  readonly usersTable: dynamodb.Table;
  /** Where each rejected record lands, with its reason; operators read it like a DLQ. */
  readonly rejectedUsersQueue: sqs.IQueue;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  readonly logs: LogGroupSettings;
}

/**
 * Keeps every new user record that cannot become a domain event. It reads the same stream as the main pipe,
 * independently, so a bad record never holds up good ones: the `reject-user` service returns only the invalid
 * records, each with its reason, and they are sent to the rejected-users queue.
 */
export class RejectedUsersPipe extends NewItemsPipe {
  constructor(scope: Construct, id: string, props: RejectedUsersPipeProps) {
    super(scope, id, {
      pipeName: `users-fanout-${props.stage}-rejected-users`,
      description: 'New user records that cannot become events, kept with the reason for an operator',
      table: props.usersTable,
      enrichmentService: 'reject-user',
      enrichmentDescription: 'Selects the new user records that are not valid events, with the reason',
      target: new SqsTarget(props.rejectedUsersQueue),
      removalPolicy: props.removalPolicy,
      logs: props.logs,
    });
  }
}
