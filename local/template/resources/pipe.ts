import { PipeModel, PipeTargetModel } from '../../model/types';
import { arnService } from '../arns';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';

/** AWS defaults for a DynamoDB stream source of a pipe. */
export const PIPE_SOURCE_DEFAULTS = {
  batchSize: 1,
  maximumBatchingWindowSeconds: 0,
  maximumRetryAttempts: -1,
  maximumRecordAgeSeconds: -1,
};

function isDynamoDbStreamArn(arn: string): boolean {
  return arnService(arn) === 'dynamodb' && arn.includes('/stream/');
}

function buildTarget(pipeName: string, properties: PropertyReader): PipeTargetModel | string {
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
      detailType: bus.optionalString('DetailType') ?? 'Event from aws:dynamodb',
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

export function buildPipe({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): PipeModel | undefined {
  const name = identity.attributes.Name;
  const sourceArn = properties.string('Source');
  if (!isDynamoDbStreamArn(sourceArn)) {
    context.warn(`${logicalId} (AWS::Pipes::Pipe): source ${sourceArn} is not a DynamoDB stream; not run locally`);
    return undefined;
  }
  const target = buildTarget(name, properties);
  if (typeof target === 'string') {
    context.warn(`${logicalId} (AWS::Pipes::Pipe): ${target}; not run locally`);
    return undefined;
  }
  const sourceParameters = properties.child('SourceParameters');
  const stream = sourceParameters.child('DynamoDBStreamParameters');
  const startingPosition = stream.optionalString('StartingPosition') ?? 'LATEST';
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw new TemplateError(`${logicalId}: StartingPosition must be TRIM_HORIZON or LATEST, got ${startingPosition}`);
  }
  const onPartialBatchItemFailure = stream.optionalString('OnPartialBatchItemFailure');
  if (onPartialBatchItemFailure !== undefined && onPartialBatchItemFailure !== 'AUTOMATIC_BISECT') {
    throw new TemplateError(`${logicalId}: OnPartialBatchItemFailure must be AUTOMATIC_BISECT`);
  }
  const desiredState = properties.optionalString('DesiredState') ?? 'RUNNING';
  if (desiredState !== 'RUNNING' && desiredState !== 'STOPPED') {
    throw new TemplateError(`${logicalId}: DesiredState must be RUNNING or STOPPED, got ${desiredState}`);
  }
  const pipe: PipeModel = {
    logicalId,
    name,
    arn: identity.attributes.Arn,
    desiredState,
    source: {
      kind: 'dynamodb-stream',
      streamArn: sourceArn,
      startingPosition,
      batchSize: stream.number('BatchSize', PIPE_SOURCE_DEFAULTS.batchSize),
      maximumBatchingWindowSeconds: stream.number(
        'MaximumBatchingWindowInSeconds',
        PIPE_SOURCE_DEFAULTS.maximumBatchingWindowSeconds,
      ),
      maximumRetryAttempts: stream.number('MaximumRetryAttempts', PIPE_SOURCE_DEFAULTS.maximumRetryAttempts),
      maximumRecordAgeSeconds: stream.number('MaximumRecordAgeInSeconds', PIPE_SOURCE_DEFAULTS.maximumRecordAgeSeconds),
    },
    filters: sourceParameters
      .child('FilterCriteria')
      .list('Filters')
      .map((filter) => filter.string('Pattern')),
    target,
  };
  if (onPartialBatchItemFailure !== undefined) pipe.source.onPartialBatchItemFailure = onPartialBatchItemFailure;
  const deadLetterArn = stream.child('DeadLetterConfig').optionalString('Arn');
  if (deadLetterArn !== undefined) pipe.source.deadLetterArn = deadLetterArn;
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
