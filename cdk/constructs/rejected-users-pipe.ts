import { SqsTarget } from '@aws-cdk/aws-pipes-targets-alpha';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NewItemsPipe } from './new-items-pipe';
import { usersStreamPipeSettings, type UsersStreamPipeProps } from './users-stream-pipe';

export interface RejectedUsersPipeProps extends UsersStreamPipeProps {
  /** Where each rejected record lands, with its reason; operators read it like a DLQ. */
  readonly rejectedUsersQueue: sqs.IQueue;
}

/**
 * Keeps every new user record that cannot become a domain event. It reads the same stream as the main pipe,
 * independently, so a bad record never holds up good ones: the `reject-user` service returns only the invalid
 * records, each with its reason, and they are sent to the rejected-users queue.
 */
export class RejectedUsersPipe extends NewItemsPipe {
  constructor(scope: Construct, id: string, props: RejectedUsersPipeProps) {
    super(scope, id, {
      ...usersStreamPipeSettings(props, 'rejected-users'),
      description: 'New user records that cannot become events, kept with the reason for an operator',
      enrichmentService: 'reject-user',
      enrichmentDescription: 'Selects the new user records that are not valid events, with the reason',
      target: new SqsTarget(props.rejectedUsersQueue),
    });
  }
}
