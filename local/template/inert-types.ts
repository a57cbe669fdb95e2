/**
 * Resource types that have no behaviour to run locally: permissions, logging, alarms,
 * notifications, deployment plumbing. They are skipped without a warning.
 */
const INERT_PREFIXES = ['AWS::IAM::', 'AWS::Logs::', 'AWS::CloudWatch::', 'AWS::EventSchemas::'];

const INERT_TYPES = new Set([
  'AWS::CDK::Metadata',
  'AWS::SQS::QueuePolicy',
  'AWS::SQS::QueueInlinePolicy',
  'AWS::Lambda::Permission',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Url',
  'AWS::Events::EventBusPolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::TopicInlinePolicy',
  'AWS::SES::EmailIdentity',
  'AWS::SES::ConfigurationSet',
  'AWS::SES::ConfigurationSetEventDestination',
  'Custom::LogRetention',
]);

export function isInertType(type: string): boolean {
  return INERT_TYPES.has(type) || INERT_PREFIXES.some((prefix) => type.startsWith(prefix));
}

/** Custom resource types, whose provider functions are deployment plumbing rather than application code. */
export function isCustomResourceType(type: string): boolean {
  return type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';
}
