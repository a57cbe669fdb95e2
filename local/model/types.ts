/**
 * The local model: what the runtime runs, read from a synthesized CloudFormation template.
 * Every CloudFormation intrinsic is already resolved to a local value (names, ARNs, URLs),
 * so no emulated service ever sees a `Ref` or `Fn::GetAtt`.
 */

export type StreamViewType = 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: 'S' | 'N' | 'B';
}

export interface SecondaryIndexModel {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: { ProjectionType?: string; NonKeyAttributes?: string[] };
}

export interface TableModel {
  logicalId: string;
  name: string;
  arn: string;
  keySchema: KeySchemaElement[];
  attributeDefinitions: AttributeDefinition[];
  globalSecondaryIndexes: SecondaryIndexModel[];
  localSecondaryIndexes: SecondaryIndexModel[];
  /** Present when the table has a stream. */
  stream?: { viewType: StreamViewType; arn: string };
  /** The TTL attribute, when time to live is enabled. */
  timeToLiveAttribute?: string;
}

export interface QueueModel {
  logicalId: string;
  name: string;
  arn: string;
  url: string;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  redrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number };
  /** The customer managed key of the template that encrypts the queue (`KmsMasterKeyId`), whose policy SQS's callers need. */
  kmsKeyArn?: string;
  /** Server-side encryption as the template sets it: SQS-managed keys, or a KMS key (which wins). */
  sqsManagedSseEnabled: boolean;
  kmsMasterKeyId?: string;
  kmsDataKeyReusePeriodSeconds?: number;
}

export interface AsyncInvokeConfigModel {
  /** 0 to 2; AWS defaults to 2. */
  maximumRetryAttempts: number;
  /** 60 to 21600; AWS defaults to 21600. */
  maximumEventAgeSeconds: number;
  onFailureDestinationArn?: string;
  onSuccessDestinationArn?: string;
}

export interface FunctionModel {
  logicalId: string;
  name: string;
  arn: string;
  /** Absolute path of the code asset folder in cdk.out. */
  codeDir: string;
  /** `file.export`, as in CloudFormation, for example `index.handler`. */
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySizeMb: number;
  environment: Record<string, string>;
  asyncConfig: AsyncInvokeConfigModel;
  /** How the app builds the bundle, when it recorded it (template metadata `local-runtime:esbuild`): watch mode rebuilds with it. */
  build?: FunctionBuildModel;
  /** The execution role's ARN (`Role`), which the function's calls are evaluated as. */
  roleArn?: string;
  /** Where Lambda writes the function's logs: `LoggingConfig.LogGroup`, or `/aws/lambda/<name>`. */
  logGroupName?: string;
}

/** An esbuild build of a function's bundle, as the app runs it. */
export interface FunctionBuildModel {
  /** Absolute: the directory the build runs in. */
  projectRoot: string;
  /** Absolute path of the entry point. */
  entry: string;
  /** The bundle's file name in the code folder, for example `index.js`. */
  outfile: string;
  /** esbuild's build options besides the entry and the output (bundle, platform, target, minify, sourcemap, external…). */
  options: Record<string, unknown>;
}

export interface SqsEventSourceMappingModel {
  logicalId: string;
  functionArn: string;
  queueArn: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  /** ScalingConfig.MaximumConcurrency; undefined means no cap. */
  maximumConcurrency?: number;
  /** FilterCriteria.Filters[].Pattern, OR'd; absent when every message is delivered. */
  filters?: string[];
  enabled: boolean;
}

/** A Lambda event source mapping on a DynamoDB stream, as AWS runs it (defaults are AWS's). */
export interface StreamEventSourceMappingModel {
  logicalId: string;
  /** The mapping's UUID, as `Ref` gives it; keys its checkpoint. */
  id: string;
  functionArn: string;
  streamArn: string;
  /** The table's partition key attribute, which ParallelizationFactor keeps in order. */
  partitionKeyName: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  /** 1 to 10,000; AWS defaults to 100. */
  batchSize: number;
  /** 0 to 300. */
  maximumBatchingWindowSeconds: number;
  /** Raw pattern JSON strings from FilterCriteria.Filters[].Pattern; OR'd together. */
  filters: string[];
  bisectBatchOnFunctionError: boolean;
  /** -1 means infinite, as in AWS (the default). */
  maximumRetryAttempts: number;
  /** -1 means infinite, as in AWS (the default). */
  maximumRecordAgeSeconds: number;
  reportBatchItemFailures: boolean;
  /** An SQS queue or SNS topic that receives the invocation record of a batch given up on. */
  onFailureDestinationArn?: string;
  /** Concurrent batches per shard, 1 to 10. */
  parallelizationFactor: number;
  /** 0 turns tumbling windows off; up to 900. */
  tumblingWindowSeconds: number;
  enabled: boolean;
}

export interface EventBusModel {
  logicalId: string;
  name: string;
  arn: string;
}

export interface ArchiveModel {
  logicalId: string;
  name: string;
  sourceBusArn: string;
  eventPattern?: unknown;
  retentionDays?: number;
  /** The customer managed key of the template that encrypts the archive (`KmsKeyIdentifier`), which EventBridge uses. */
  kmsKeyArn?: string;
}

/** Headers, query string and body parameters a connection or a target adds to an HTTP request. */
export interface HttpParametersModel {
  headers: Array<{ key: string; value: string }>;
  queryString: Array<{ key: string; value: string }>;
  body: Array<{ key: string; value: string }>;
}

/** A connection's credentials; a secret the runtime could not resolve is absent, and the connection named in a warning. */
export type ConnectionAuthorizationModel =
  | { type: 'API_KEY'; apiKeyName: string; apiKeyValue?: string }
  | { type: 'BASIC'; username: string; password?: string }
  | {
      type: 'OAUTH_CLIENT_CREDENTIALS';
      authorizationEndpoint: string;
      httpMethod: 'GET' | 'POST' | 'PUT';
      clientId: string;
      clientSecret?: string;
      oauthParameters: HttpParametersModel;
    };

export interface ConnectionModel {
  logicalId: string;
  name: string;
  arn: string;
  authorization: ConnectionAuthorizationModel;
  invocationParameters: HttpParametersModel;
}

export interface ApiDestinationModel {
  logicalId: string;
  name: string;
  arn: string;
  connectionArn: string;
  /** The InvocationEndpoint; `*` wildcards take the target's PathParameterValues. */
  endpoint: string;
  httpMethod: string;
  /** 1 to 300; AWS defaults to 300. */
  invocationRateLimitPerSecond: number;
}

export interface RuleTargetModel {
  id: string;
  arn: string;
  kind: 'lambda' | 'sqs' | 'sns' | 'api-destination' | 'unsupported';
  /** HttpParameters of an API destination target; values starting with `$.` are paths into the event. */
  httpParameters?: { headers: Record<string, string>; pathParameterValues: string[]; queryString: Record<string, string> };
  /** At most one of Input, InputPath and InputTransformer, when the target transforms the event. */
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap: Record<string, string>; inputTemplate: string };
  /** AWS defaults: 185 attempts, 86400 seconds. */
  retryPolicy: { maximumRetryAttempts: number; maximumEventAgeSeconds: number };
  deadLetterArn?: string;
  /** The role EventBridge acts as to deliver to this target, when the target sets one. */
  roleArn?: string;
}

export interface RuleModel {
  logicalId: string;
  name: string;
  arn: string;
  busName: string;
  /** A rule has an event pattern, a schedule expression (rules on the default bus only), or both. */
  eventPattern?: unknown;
  scheduleExpression?: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  targets: RuleTargetModel[];
}

export type PipeTargetModel =
  | { kind: 'eventbridge'; busArn: string; source: string; detailType: string; resources: string[] }
  | { kind: 'sqs'; queueArn: string }
  | { kind: 'lambda'; functionArn: string; invocationType: 'REQUEST_RESPONSE' | 'FIRE_AND_FORGET' };

/** A pipe's DynamoDB stream source: read in order, retried by the pipe, failures to the pipe's DLQ. */
export interface StreamPipeSourceModel {
  kind: 'dynamodb-stream';
  streamArn: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  /** -1 means infinite, as in AWS. */
  maximumRetryAttempts: number;
  /** -1 means infinite, as in AWS. */
  maximumRecordAgeSeconds: number;
  onPartialBatchItemFailure?: 'AUTOMATIC_BISECT';
  deadLetterArn?: string;
}

/** A pipe's SQS source: failed messages come back after their visibility timeout, and the queue's redrive policy ends them. */
export interface QueuePipeSourceModel {
  kind: 'sqs';
  queueArn: string;
  /** 1 to 10,000; AWS defaults to 10. */
  batchSize: number;
  maximumBatchingWindowSeconds: number;
}

export interface PipeModel {
  logicalId: string;
  name: string;
  arn: string;
  desiredState: 'RUNNING' | 'STOPPED';
  source: StreamPipeSourceModel | QueuePipeSourceModel;
  /** Raw pattern JSON strings from FilterCriteria.Filters[].Pattern; OR'd together. */
  filters: string[];
  enrichment?: { functionArn: string; inputTemplate?: string };
  target: PipeTargetModel;
  /** TargetParameters.InputTemplate, when set. */
  targetInputTemplate?: string;
  /** The role the pipe acts as to read its source and call its enrichment, target and DLQ. */
  roleArn?: string;
  /** LogConfiguration's CloudWatch Logs group and level, when the pipe logs there. */
  logs?: { logGroupArn: string; level: 'OFF' | 'ERROR' | 'INFO' | 'TRACE' };
}

/** A KMS key of the template. Only what the runtime runs is modelled: identity, spec, usage and state. */
export interface KmsKeyModel {
  logicalId: string;
  /** A UUID, or `mrk-` and 32 hex digits for a multi-Region key, as in AWS. */
  keyId: string;
  arn: string;
  /** For example `SYMMETRIC_DEFAULT` or `HMAC_256`. */
  keySpec: string;
  /** For example `ENCRYPT_DECRYPT` or `GENERATE_VERIFY_MAC`. */
  keyUsage: string;
  enabled: boolean;
  description: string;
}

export interface KmsAliasModel {
  logicalId: string;
  /** `alias/<name>`. */
  name: string;
  arn: string;
  targetKeyArn: string;
}

export interface TopicModel {
  logicalId: string;
  name: string;
  arn: string;
}

export interface SnsSubscriptionModel {
  logicalId: string;
  arn: string;
  topicArn: string;
  protocol: 'sqs' | 'lambda';
  /** The queue or function ARN. */
  endpoint: string;
  rawMessageDelivery: boolean;
  /** The policy as JSON; absent when every message is delivered. */
  filterPolicy?: unknown;
  filterPolicyScope: 'MessageAttributes' | 'MessageBody';
  /** RedrivePolicy.deadLetterTargetArn: where messages go that cannot be delivered. */
  deadLetterArn?: string;
}

export interface LocalModel {
  account: string;
  region: string;
  /** The endpoint every resource is served on, for example http://127.0.0.1:4566. */
  endpoint: string;
  tables: TableModel[];
  queues: QueueModel[];
  functions: FunctionModel[];
  eventSourceMappings: SqsEventSourceMappingModel[];
  streamEventSourceMappings: StreamEventSourceMappingModel[];
  buses: EventBusModel[];
  archives: ArchiveModel[];
  rules: RuleModel[];
  pipes: PipeModel[];
  keys: KmsKeyModel[];
  aliases: KmsAliasModel[];
  /** Roles and the policies of the template, which local IAM evaluates every call against. */
  iam: IamModel;
  topics: TopicModel[];
  snsSubscriptions: SnsSubscriptionModel[];
  connections: ConnectionModel[];
  apiDestinations: ApiDestinationModel[];
  /** One line per template resource the runtime does not run and is not inert (logs and alarms are inert). */
  warnings: string[];
}

/** A policy document as the template holds it, intrinsics resolved, with the name denials and reports give it. */
export interface PolicyDocumentModel {
  /** The policy's name: its PolicyName, or the logical id of the resource that holds it. */
  name: string;
  /** The template resource the document is in, so a report or the grant proof can point at it. */
  logicalId: string;
  document: unknown;
}

export interface RoleModel {
  logicalId: string;
  name: string;
  /** `arn:aws:iam::<account>:role/<path><name>`. */
  arn: string;
  /** AssumeRolePolicyDocument: who may assume the role. */
  trustPolicy?: PolicyDocumentModel;
  /** Inline policies, and the AWS::IAM::Policy and customer managed policies attached to the role. */
  policies: PolicyDocumentModel[];
  /** Managed policy ARNs the role names that are not the template's own: AWS managed policies. */
  awsManagedPolicyArns: string[];
}

/** A resource-based policy (or one statement of one, such as a Lambda permission) and the resource it is attached to. */
export interface ResourcePolicyModel {
  resourceArn: string;
  policy: PolicyDocumentModel;
}

export interface IamModel {
  roles: RoleModel[];
  /** Queue, topic, bus and key policies and Lambda permissions; several may name one resource. */
  resourcePolicies: ResourcePolicyModel[];
}
