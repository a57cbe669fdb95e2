import type { PipeModel, PipeTargetModel, QueuePipeSourceModel, StreamPipeSourceModel } from '../../model/types';
import { arnService } from '../arns';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';
import { isDynamoDbStreamArn } from './stream-event-source-mapping';

/** AWS defaults for a DynamoDB stream source of a pipe. */
export const PIPE_SOURCE_DEFAULTS = {
  batchSize: 1,
  maximumBatchingWindowSeconds: 0,
  maximumRetryAttempts: -1,
  maximumRecordAgeSeconds: -1,
};

/** AWS defaults for an SQS source of a pipe. */
export const PIPE_QUEUE_SOURCE_DEFAULTS = { batchSize: 10, maximumBatchingWindowSeconds: 0 };

/**
 * The pipe properties the runtime applies, by path; anything else a template sets is named in a warning at start.
 * Tags, logging and the KMS key change nothing locally.
 */
const APPLIED_PROPERTIES: Record<string, readonly string[]> = {
  '': [
    'Name',
    'RoleArn',
    'Source',
    'SourceParameters',
    'Enrichment',
    'EnrichmentParameters',
    'Target',
    'TargetParameters',
    'DesiredState',
    'Description',
    'Tags',
    'LogConfiguration',
    'KmsKeyIdentifier',
  ],
  SourceParameters: ['FilterCriteria', 'DynamoDBStreamParameters', 'SqsQueueParameters'],
  'SourceParameters.DynamoDBStreamParameters': [
    'StartingPosition',
    'BatchSize',
    'MaximumBatchingWindowInSeconds',
    'MaximumRetryAttempts',
    'MaximumRecordAgeInSeconds',
    'OnPartialBatchItemFailure',
    'DeadLetterConfig',
  ],
  'SourceParameters.SqsQueueParameters': ['BatchSize', 'MaximumBatchingWindowInSeconds'],
  EnrichmentParameters: ['InputTemplate'],
  TargetParameters: ['InputTemplate', 'EventBridgeEventBusParameters', 'LambdaFunctionParameters'],
  'TargetParameters.EventBridgeEventBusParameters': ['Source', 'DetailType', 'Resources'],
  'TargetParameters.LambdaFunctionParameters': ['InvocationType'],
};

function warnAboutUnapplied(logicalId: string, properties: PropertyReader, context: BuildContext): void {
  for (const [path, applied] of Object.entries(APPLIED_PROPERTIES)) {
    const reader = path === '' ? properties : path.split('.').reduce((parent, name) => parent.child(name), properties);
    for (const [name, value] of Object.entries(reader.values)) {
      const where = path === '' ? name : `${path}.${name}`;
      if (!applied.includes(name)) context.warn(`${logicalId} (AWS::Pipes::Pipe): ${where} is not applied locally`);
      // A dynamic path parameter takes its value from each event in AWS; locally it would be the literal path.
      else if (typeof value === 'string' && value.startsWith('$.') && path.startsWith('TargetParameters.')) {
        context.warn(`${logicalId} (AWS::Pipes::Pipe): ${where} is a dynamic path parameter, which is not applied locally; the literal ${value} is used`);
      }
    }
  }
}

function buildTarget(pipeName: string, sourceKind: 'sqs' | 'dynamodb', properties: PropertyReader): PipeTargetModel | string {
  const arn = properties.string('Target');
  const parameters = properties.child('TargetParameters');
  const service = arnService(arn);
  if (service === 'events' && arn.includes(':event-bus/')) {
    const bus = parameters.child('EventBridgeEventBusParameters');
    return {
      kind: 'eventbridge',
      busArn: arn,
      // What AWS puts on events from a pipe when the target parameters leave them out.
      source: bus.optionalString('Source') ?? `Pipe ${pipeName}`,
      detailType: bus.optionalString('DetailType') ?? `Event from aws:${sourceKind}`,
      resources: bus.stringList('Resources'),
    };
  }
  if (service === 'sqs') return { kind: 'sqs', queueArn: arn };
  if (service === 'lambda') {
    const invocationType = parameters.child('LambdaFunctionParameters').optionalString('InvocationType') ?? 'REQUEST_RESPONSE';
    if (invocationType !== 'REQUEST_RESPONSE' && invocationType !== 'FIRE_AND_FORGET') {
      throw new TemplateError(`Pipe ${pipeName}: unknown Lambda InvocationType ${invocationType}`);
    }
    return { kind: 'lambda', functionArn: arn, invocationType };
  }
  return `target ${arn} is not supported locally (EventBridge bus, SQS or Lambda only)`;
}

function streamSource(logicalId: string, sourceArn: string, parameters: PropertyReader): StreamPipeSourceModel {
  const stream = parameters.child('DynamoDBStreamParameters');
  const startingPosition = stream.optionalString('StartingPosition') ?? 'LATEST';
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw new TemplateError(`${logicalId}: StartingPosition must be TRIM_HORIZON or LATEST, got ${startingPosition}`);
  }
  const onPartialBatchItemFailure = stream.optionalString('OnPartialBatchItemFailure');
  if (onPartialBatchItemFailure !== undefined && onPartialBatchItemFailure !== 'AUTOMATIC_BISECT') {
    throw new TemplateError(`${logicalId}: OnPartialBatchItemFailure must be AUTOMATIC_BISECT`);
  }
  const source: StreamPipeSourceModel = {
    kind: 'dynamodb-stream',
    streamArn: sourceArn,
    startingPosition,
    batchSize: stream.number('BatchSize', PIPE_SOURCE_DEFAULTS.batchSize),
    maximumBatchingWindowSeconds: stream.number('MaximumBatchingWindowInSeconds', PIPE_SOURCE_DEFAULTS.maximumBatchingWindowSeconds),
    maximumRetryAttempts: stream.number('MaximumRetryAttempts', PIPE_SOURCE_DEFAULTS.maximumRetryAttempts),
    maximumRecordAgeSeconds: stream.number('MaximumRecordAgeInSeconds', PIPE_SOURCE_DEFAULTS.maximumRecordAgeSeconds),
  };
  if (onPartialBatchItemFailure !== undefined) source.onPartialBatchItemFailure = onPartialBatchItemFailure;
  const deadLetterArn = stream.child('DeadLetterConfig').optionalString('Arn');
  if (deadLetterArn !== undefined) source.deadLetterArn = deadLetterArn;
  return source;
}

function queueSource(logicalId: string, sourceArn: string, parameters: PropertyReader): QueuePipeSourceModel {
  const queue = parameters.child('SqsQueueParameters');
  const batchSize = queue.number('BatchSize', PIPE_QUEUE_SOURCE_DEFAULTS.batchSize);
  const window = queue.number('MaximumBatchingWindowInSeconds', PIPE_QUEUE_SOURCE_DEFAULTS.maximumBatchingWindowSeconds);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    throw new TemplateError(`${logicalId}: SqsQueueParameters.BatchSize must be an integer from 1 to 10000, got ${batchSize}`);
  }
  // AWS requires a batching window for batches above 10, which one ReceiveMessage cannot fill.
  if (batchSize > 10 && window < 1) {
    throw new TemplateError(`${logicalId}: SqsQueueParameters.MaximumBatchingWindowInSeconds must be at least 1 when BatchSize is over 10`);
  }
  return { kind: 'sqs', queueArn: sourceArn, batchSize, maximumBatchingWindowSeconds: window };
}

export function buildPipe({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): PipeModel | undefined {
  const name = identity.attributes.Name;
  const sourceArn = properties.string('Source');
  const isQueue = arnService(sourceArn) === 'sqs';
  if (!isDynamoDbStreamArn(sourceArn) && !isQueue) {
    context.warn(`${logicalId} (AWS::Pipes::Pipe): source ${sourceArn} is not a DynamoDB stream or an SQS queue; not run locally`);
    return undefined;
  }
  const target = buildTarget(name, isQueue ? 'sqs' : 'dynamodb', properties);
  if (typeof target === 'string') {
    context.warn(`${logicalId} (AWS::Pipes::Pipe): ${target}; not run locally`);
    return undefined;
  }
  const desiredState = properties.optionalString('DesiredState') ?? 'RUNNING';
  if (desiredState !== 'RUNNING' && desiredState !== 'STOPPED') {
    throw new TemplateError(`${logicalId}: DesiredState must be RUNNING or STOPPED, got ${desiredState}`);
  }
  warnAboutUnapplied(logicalId, properties, context);
  const sourceParameters = properties.child('SourceParameters');
  const pipe: PipeModel = {
    logicalId,
    name,
    arn: identity.attributes.Arn,
    desiredState,
    source: isQueue ? queueSource(logicalId, sourceArn, sourceParameters) : streamSource(logicalId, sourceArn, sourceParameters),
    filters: sourceParameters
      .child('FilterCriteria')
      .list('Filters')
      .map((filter) => filter.string('Pattern')),
    target,
  };
  const enrichmentArn = properties.optionalString('Enrichment');
  if (enrichmentArn !== undefined) {
    const inputTemplate = properties.child('EnrichmentParameters').optionalString('InputTemplate');
    pipe.enrichment = { functionArn: enrichmentArn, ...(inputTemplate !== undefined ? { inputTemplate } : {}) };
  }
  const targetInputTemplate = properties.child('TargetParameters').optionalString('InputTemplate');
  if (targetInputTemplate !== undefined) pipe.targetInputTemplate = targetInputTemplate;
  const roleArn = properties.optionalString('RoleArn');
  if (roleArn !== undefined) pipe.roleArn = roleArn;
  const logs = properties.child('LogConfiguration');
  const logGroupArn = logs.child('CloudwatchLogsLogDestination').optionalString('LogGroupArn');
  if (logGroupArn !== undefined) pipe.logs = { logGroupArn, level: pipeLogLevel(logs.optionalString('Level') ?? 'OFF', logicalId) };
  return pipe;
}

function pipeLogLevel(level: string, logicalId: string): NonNullable<PipeModel['logs']>['level'] {
  if (level === 'OFF' || level === 'ERROR' || level === 'INFO' || level === 'TRACE') return level;
  throw new TemplateError(`${logicalId}: LogConfiguration.Level must be OFF, ERROR, INFO or TRACE, got ${level}`);
}
