import { createHash } from 'node:crypto';

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
  'AWS::IAM::Role': 64,
  'AWS::IAM::ManagedPolicy': 128,
  'AWS::Logs::LogGroup': 512,
  'AWS::SNS::Topic': 256,
};

const DEFAULT_MAX_LENGTH = 64;

export function derivedPhysicalName(stackName: string, logicalId: string, resourceType: string, suffix = ''): string {
  const max = (MAX_NAME_LENGTH[resourceType] ?? DEFAULT_MAX_LENGTH) - suffix.length;
  const base = `${stackName}-${logicalId}`.replace(/[^A-Za-z0-9_.-]/g, '-');
  return base.slice(0, max) + suffix;
}

export interface KeyIdentityScope {
  stackName: string;
  logicalId: string;
  region: string;
  account: string;
}

/**
 * AWS gives each key a random id; locally it is derived from the key's place in the template, so the id (and the
 * key ARN functions are configured with) is the same on every start. Multi-Region keys get AWS's `mrk-` form.
 */
export function localKmsKeyId(scope: KeyIdentityScope, multiRegion: boolean): string {
  const hex = createHash('sha256').update(`${scope.account}/${scope.region}/${scope.stackName}/${scope.logicalId}`).digest('hex');
  if (multiRegion) return `mrk-${hex.slice(0, 32)}`;
  // Version 4 and variant bits, so the id has the shape of the UUIDs AWS issues.
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
