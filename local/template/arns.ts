import { createHash } from 'node:crypto';

/**
 * Local names and ARNs in the formats AWS uses, so handlers and tools that parse ARNs keep working.
 */
export interface AccountScope {
  region: string;
  account: string;
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

export function urlSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

function arn(scope: AccountScope, service: string, resource: string): string {
  return `arn:${partitionOf(scope.region)}:${service}:${scope.region}:${scope.account}:${resource}`;
}

export const tableArn = (scope: AccountScope, name: string): string => arn(scope, 'dynamodb', `table/${name}`);
/** A stream's ARN ends in its label: its creation time, such as `2026-01-01T00:00:00.000`. */
export const tableStreamArn = (scope: AccountScope, name: string, label: string): string => `${tableArn(scope, name)}/stream/${label}`;

/** DynamoDB labels a stream with its creation time, to the millisecond and without a zone. */
export function streamLabelAt(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/Z$/, '');
}
export const queueArn = (scope: AccountScope, name: string): string => arn(scope, 'sqs', name);
export const functionArn = (scope: AccountScope, name: string): string => arn(scope, 'lambda', `function:${name}`);
export const eventBusArn = (scope: AccountScope, name: string): string => arn(scope, 'events', `event-bus/${name}`);
export const archiveArn = (scope: AccountScope, name: string): string => arn(scope, 'events', `archive/${name}`);
export const replayArn = (scope: AccountScope, name: string): string => arn(scope, 'events', `replay/${name}`);
export const pipeArn = (scope: AccountScope, name: string): string => arn(scope, 'pipes', `pipe/${name}`);
export const kmsKeyArn = (scope: AccountScope, keyId: string): string => arn(scope, 'kms', `key/${keyId}`);
export const kmsAliasArn = (scope: AccountScope, aliasName: string): string => arn(scope, 'kms', aliasName);
export const topicArn = (scope: AccountScope, name: string): string => arn(scope, 'sns', name);
/** SNS names a subscription by its topic and a UUID; the local one is derived from the subscription's logical id, so it is stable. */
export const subscriptionArn = (topic: string, logicalId: string): string => `${topic}:${stableUuid(`subscription/${topic}/${logicalId}`)}`;
/** EventBridge suffixes connection and API destination ARNs with a UUID; the local one is derived from the name. */
export const connectionArn = (scope: AccountScope, name: string): string => arn(scope, 'events', `connection/${name}/${stableUuid(`connection/${name}`)}`);
export const connectionSecretArn = (scope: AccountScope, name: string): string =>
  arn(scope, 'secretsmanager', `secret:events!connection/${name}/${stableUuid(`connection-secret/${name}`)}`);
export const apiDestinationArn = (scope: AccountScope, name: string): string =>
  arn(scope, 'events', `api-destination/${name}/${stableUuid(`api-destination/${name}`)}`);
export const eventsArnForPolicy = (scope: AccountScope, kind: 'connection' | 'api-destination', name: string): string =>
  arn(scope, 'events', `${kind}/${name}`);

function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const eventSourceMappingArn = (scope: AccountScope, id: string): string =>
  arn(scope, 'lambda', `event-source-mapping:${id}`);

/** `arn:aws:iam::<account>:`, the start of every IAM ARN: IAM is global, so there is no region. */
export const iamArnPrefix = (scope: AccountScope): string => `arn:${partitionOf(scope.region)}:iam::${scope.account}:`;
export const logGroupArn = (scope: AccountScope, name: string): string => arn(scope, 'logs', `log-group:${name}`);

/** A stable unique id of the kind IAM gives roles (`AROA...`): 4 letters of type, then 17 characters from the ARN. */
export function iamUniqueId(prefix: string, arnText: string): string {
  const digest = createHash('sha256').update(arnText).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + Array.from(digest.subarray(0, 17), (byte) => alphabet[byte % 32]).join('');
}

/** Rules on the default bus have no bus segment in their ARN, as in AWS. */
export function ruleArn(scope: AccountScope, busName: string, name: string): string {
  return arn(scope, 'events', busName === 'default' ? `rule/${name}` : `rule/${busName}/${name}`);
}

export function queueUrl(endpoint: string, account: string, name: string): string {
  return `${endpoint.replace(/\/+$/, '')}/${account}/${name}`;
}

/** Any other resource: a well-formed ARN of its service, so references to it resolve to something readable. */
export function genericArn(scope: AccountScope, resourceType: string, name: string): string {
  const service = resourceType.split('::')[1]?.toLowerCase() ?? 'unknown';
  const regionless = service === 'iam';
  const partition = partitionOf(scope.region);
  return regionless ? `arn:${partition}:iam::${scope.account}:${name}` : arn(scope, service, name);
}

/** The name part of a bus ARN, or the argument itself when it is already a name. */
export function busNameFromArnOrName(value: string): string {
  const match = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(value);
  return match ? match[1] : value;
}

/** The function name in a function ARN (qualifier dropped), or the argument itself when it is already a name. */
export function functionNameFromArnOrName(value: string): string {
  const match = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(value);
  return match ? match[1] : value;
}

/** The service part of an ARN, for example `sqs` or `lambda`; undefined when the value is not an ARN. */
export function arnService(value: string): string | undefined {
  const match = /^arn:[^:]+:([^:]+):/.exec(value);
  return match ? match[1] : undefined;
}
