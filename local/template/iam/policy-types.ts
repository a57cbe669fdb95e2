/**
 * The resource types local IAM reads: roles and their policies, and every kind of resource-based policy the
 * runtime can enforce or report. They are modelled by `load-iam-model.ts`, not run as resources.
 */
export const POLICY_RESOURCE_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SQS::QueueInlinePolicy',
  'AWS::Lambda::Permission',
  'AWS::Events::EventBusPolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::KMS::Key',
]);

export function isPolicyResourceType(type: string): boolean {
  return POLICY_RESOURCE_TYPES.has(type);
}
