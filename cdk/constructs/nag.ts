import { Validations } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * Tells cdk-nag that a queue needs no dead-letter queue of its own (AwsSolutions-SQS3), with the reason that holds
 * where the queue is used. Applied to that one queue's resource, never in a class, so a new use must state its own.
 */
export function acknowledgeNoDeadLetterQueue(queue: sqs.IQueue, reason: string): void {
  const resource = queue.node.defaultChild;
  if (resource === undefined) throw new Error(`${queue.node.path} has no queue resource to acknowledge AwsSolutions-SQS3 on`);
  Validations.of(resource).acknowledge({ id: 'AwsSolutions::AwsSolutions-SQS3', reason });
}

/**
 * Tells cdk-nag that a role's `Resource::*` comes from `Table.grantStreamRead` (AwsSolutions-IAM5): it grants
 * `dynamodb:ListStreams`, which has no resource-level permissions, on `*`, and scopes every stream read action to the
 * table's stream. Applied to that role's policy right where the grant is made.
 */
export function acknowledgeStreamListing(role: iam.Role): void {
  const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
  if (policy === undefined) throw new Error(`${role.node.path} has no policy to acknowledge AwsSolutions-IAM5 on: call this after grantStreamRead`);
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason:
      'Only dynamodb:ListStreams, which has no resource-level permissions, is granted on *; it comes from ' +
      "Table.grantStreamRead, which scopes the stream read actions to this table's stream.",
  });
}
