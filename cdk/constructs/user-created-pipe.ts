import { EventBridgeTarget } from '@aws-cdk/aws-pipes-targets-alpha';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { SecureQueue } from './secure-queue';
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
  /** Where each new user record that cannot become an event is kept, with its reason; operators read it like a DLQ. */
  readonly rejectedUsersQueue: SecureQueue;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  readonly logs: LogGroupSettings;
}

/**
 * The one reader of the users stream: turns each new user into one domain event on the bus. The `enrich-user` service
 * maps a batch of stream records to event details, and parks the records that cannot become events, with their
 * reason, in the rejected-users queue (one SendMessageBatch per batch) before the batch goes on. A park that fails
 * fails the batch, which the pipe retries and in the end keeps in its dead-letter queue, so no record is lost.
 * Reading the stream once leaves a reader slot of the shard for another consumer (DynamoDB throttles a third).
 */
export class UserCreatedPipe extends NewItemsPipe {
  constructor(scope: Construct, id: string, props: UserCreatedPipeProps) {
    super(scope, id, {
      pipeName: `users-fanout-${props.stage}-user-created`,
      description: `New users published as ${props.detailType} events; invalid ones kept in the rejected-users queue`,
      table: props.usersTable,
      enrichmentService: 'enrich-user',
      enrichmentDescription: `Maps new user records to ${props.detailType} event details and parks invalid ones with their reason`,
      target: new EventBridgeTarget(props.bus, { source: props.eventSource, detailType: props.detailType }),
      removalPolicy: props.removalPolicy,
      logs: props.logs,
    });
    this.enrichmentFunction.addEnvironment('REJECTED_USERS_QUEUE_URL', props.rejectedUsersQueue.queueUrl);
    props.rejectedUsersQueue.grantSendOnly(this.enrichmentFunction);
  }
}
