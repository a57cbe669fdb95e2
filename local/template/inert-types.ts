/**
 * Resource types that have no behaviour to run locally: logging, alarms, notifications, deployment plumbing, and the
 * IAM resources no local caller can act as. They are skipped without a warning. Roles and policies are not among
 * them: local IAM reads them (`iam/policy-types.ts`).
 */
const INERT_PREFIXES = ['AWS::Logs::', 'AWS::CloudWatch::', 'AWS::EventSchemas::'];

const INERT_TYPES = new Set([
  'AWS::CDK::Metadata',
  'AWS::IAM::InstanceProfile',
  'AWS::IAM::ServiceLinkedRole',
  'AWS::IAM::OIDCProvider',
  'AWS::IAM::SAMLProvider',
  'AWS::Lambda::Version',
  'AWS::Lambda::Alias',
  'AWS::Lambda::Url',
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
