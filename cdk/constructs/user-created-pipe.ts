import { EventBridgeTarget } from '@aws-cdk/aws-pipes-targets-alpha';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { LogGroupSettings } from './service-function';
import { NewItemsPipe } from './new-items-pipe';

export interface UserCreatedPipeProps {
  readonly stage: string;
  readonly usersTable: dynamodb.Table;
  readonly bus: events.IEventBus;
  /** The `source` every published event carries. */
  readonly eventSource: string;
  /** The `detail-type` every published event carries. */
  readonly detailType: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  readonly logs: LogGroupSettings;
}

/**
 * Turns each new user into one domain event on the bus. The `enrich-user` service maps a batch of stream
 * records to event details and drops the invalid ones, which the rejected-users pipe keeps.
 */
export class UserCreatedPipe extends NewItemsPipe {
  constructor(scope: Construct, id: string, props: UserCreatedPipeProps) {
    super(scope, id, {
      pipeName: `users-fanout-${props.stage}-user-created`,
      description: `New users published as ${props.detailType} events`,
      table: props.usersTable,
      enrichmentService: 'enrich-user',
      enrichmentDescription: `Maps new user records from the Users stream to ${props.detailType} event details`,
      target: new EventBridgeTarget(props.bus, { source: props.eventSource, detailType: props.detailType }),
      removalPolicy: props.removalPolicy,
      logs: props.logs,
    });
  }
}
