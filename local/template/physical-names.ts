/**
 * Names for resources whose template sets no physical name. CloudFormation would use
 * `<stack>-<logicalId>-<random suffix>`; the local runtime drops the suffix so names stay stable across restarts.
 */
const MAX_NAME_LENGTH: Record<string, number> = {
  'AWS::SQS::Queue': 80,
  'AWS::Lambda::Function': 64,
  'AWS::DynamoDB::Table': 255,
  'AWS::DynamoDB::GlobalTable': 255,
  'AWS::Events::EventBus': 256,
  'AWS::Events::Rule': 64,
  'AWS::Events::Archive': 48,
  'AWS::Pipes::Pipe': 64,
  'AWS::SNS::Topic': 256,
};

const DEFAULT_MAX_LENGTH = 64;

export function derivedPhysicalName(stackName: string, logicalId: string, resourceType: string, suffix = ''): string {
  const max = (MAX_NAME_LENGTH[resourceType] ?? DEFAULT_MAX_LENGTH) - suffix.length;
  const base = `${stackName}-${logicalId}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  return base.slice(0, max) + suffix;
}
