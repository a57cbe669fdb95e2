import { EventBridgeTarget } from '@aws-cdk/aws-pipes-targets-alpha';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { NewItemsPipe } from './new-items-pipe';
import { usersStreamPipeSettings, type UsersStreamPipeProps } from './users-stream-pipe';

export interface UserCreatedPipeProps extends UsersStreamPipeProps {
  readonly bus: events.IEventBus;
  /** The `source` every published event carries. */
  readonly eventSource: string;
  /** The `detail-type` every published event carries. */
  readonly detailType: string;
}

/**
 * Turns each new user into one domain event on the bus. The `enrich-user` service maps a batch of stream
 * records to event details and drops the invalid ones, which the rejected-users pipe keeps.
 */
export class UserCreatedPipe extends NewItemsPipe {
  constructor(scope: Construct, id: string, props: UserCreatedPipeProps) {
    super(scope, id, {
      ...usersStreamPipeSettings(props, 'user-created'),
      description: `New users published as ${props.detailType} events`,
      enrichmentService: 'enrich-user',
      enrichmentDescription: `Maps new user records from the Users stream to ${props.detailType} event details`,
      target: new EventBridgeTarget(props.bus, { source: props.eventSource, detailType: props.detailType }),
    });
  }
}
