import type { FunctionModel, StreamEventSourceMappingModel, TableModel } from '../../model/types';
import { compilePipeFilters } from '../../patterns';
import { arnService, functionNameFromArnOrName } from '../arns';
import { TemplateError } from '../cfn-types';
import type { PropertyReader } from '../properties';
import type { BuildContext, ResolvedResource } from './build-context';

/** AWS defaults for an event source mapping on a DynamoDB stream. */
export const STREAM_MAPPING_DEFAULTS = {
  batchSize: 100,
  maximumBatchingWindowSeconds: 0,
  maximumRetryAttempts: -1,
  maximumRecordAgeSeconds: -1,
  parallelizationFactor: 1,
  tumblingWindowSeconds: 0,
};

/** Mapping properties the runtime applies to a stream source, or that change nothing locally; any other is warned about. */
const KNOWN_PROPERTIES = new Set([
  'EventSourceArn',
  'FunctionName',
  'StartingPosition',
  'BatchSize',
  'MaximumBatchingWindowInSeconds',
  'FilterCriteria',
  'BisectBatchOnFunctionError',
  'MaximumRetryAttempts',
  'MaximumRecordAgeInSeconds',
  'FunctionResponseTypes',
  'DestinationConfig',
  'ParallelizationFactor',
  'TumblingWindowInSeconds',
  'Enabled',
  // Encrypts the filter criteria at rest, tags and metrics: nothing to run.
  'KmsKeyArn',
  'Tags',
  'MetricsConfig',
]);

export function isDynamoDbStreamArn(arn: string): boolean {
  return arnService(arn) === 'dynamodb' && arn.includes('/stream/');
}

/** Reads an integer property within AWS's range; a value AWS would refuse at deploy is refused here. */
function integerInRange(properties: PropertyReader, where: string, name: string, fallback: number, min: number, max: number): number {
  const value = properties.number(name, fallback);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TemplateError(`${where}: ${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function recordAge(properties: PropertyReader, where: string): number {
  const value = properties.number('MaximumRecordAgeInSeconds', STREAM_MAPPING_DEFAULTS.maximumRecordAgeSeconds);
  if (value !== -1 && (!Number.isInteger(value) || value < 60 || value > 604_800)) {
    throw new TemplateError(`${where}: MaximumRecordAgeInSeconds must be -1 or an integer from 60 to 604800, got ${value}`);
  }
  return value;
}

function startingPosition(properties: PropertyReader, where: string): StreamEventSourceMappingModel['startingPosition'] {
  const value = properties.optionalString('StartingPosition');
  if (value === undefined) throw new TemplateError(`${where}: StartingPosition is required for a DynamoDB stream source`);
  if (value !== 'TRIM_HORIZON' && value !== 'LATEST') {
    throw new TemplateError(`${where}: StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream, got ${value}`);
  }
  return value;
}

function onFailureDestination(properties: PropertyReader, where: string, context: BuildContext): string | undefined {
  const destination = properties.child('DestinationConfig').child('OnFailure').optionalString('Destination');
  if (destination === undefined) return undefined;
  if (arnService(destination) === 'sqs') return destination;
  context.warn(`${where}: DestinationConfig.OnFailure ${destination} is not delivered locally (SQS only); a batch given up on is logged`);
  return undefined;
}

/**
 * AWS::Lambda::EventSourceMapping whose source is a DynamoDB stream of the template: every property AWS applies
 * to a stream source, with AWS's defaults and ranges.
 */
export function buildStreamEventSourceMapping(
  { logicalId, identity, properties }: ResolvedResource,
  functions: readonly FunctionModel[],
  tables: readonly TableModel[],
  context: BuildContext,
): StreamEventSourceMappingModel | undefined {
  const where = `${logicalId} (AWS::Lambda::EventSourceMapping)`;
  const streamArn = properties.string('EventSourceArn');
  const table = tables.find((candidate) => candidate.stream?.arn === streamArn);
  if (!table) {
    context.warn(`${where}: stream ${streamArn} is not the stream of a table in the template; not run locally`);
    return undefined;
  }
  const functionName = functionNameFromArnOrName(properties.string('FunctionName'));
  const target = functions.find((fn) => fn.name === functionName);
  if (!target) {
    context.warn(`${where}: function ${functionName} is not run locally; skipped`);
    return undefined;
  }
  for (const name of Object.keys(properties.values)) {
    if (!KNOWN_PROPERTIES.has(name)) context.warn(`${where}: ${name} is not applied locally`);
  }
  const responseTypes = properties.stringList('FunctionResponseTypes');
  const unknownType = responseTypes.find((type) => type !== 'ReportBatchItemFailures');
  if (unknownType !== undefined) throw new TemplateError(`${where}: unknown FunctionResponseTypes value ${unknownType}`);
  const filters = properties
    .child('FilterCriteria')
    .list('Filters')
    .map((filter) => filter.string('Pattern'));
  try {
    compilePipeFilters(filters);
  } catch (error) {
    throw new TemplateError(`${where}: FilterCriteria is not valid: ${(error as Error).message}`);
  }
  const mapping: StreamEventSourceMappingModel = {
    logicalId,
    id: identity.ref,
    functionArn: target.arn,
    streamArn,
    partitionKeyName: table.keySchema.find((key) => key.KeyType === 'HASH')?.AttributeName ?? table.keySchema[0].AttributeName,
    startingPosition: startingPosition(properties, where),
    batchSize: integerInRange(properties, where, 'BatchSize', STREAM_MAPPING_DEFAULTS.batchSize, 1, 10_000),
    maximumBatchingWindowSeconds: integerInRange(
      properties,
      where,
      'MaximumBatchingWindowInSeconds',
      STREAM_MAPPING_DEFAULTS.maximumBatchingWindowSeconds,
      0,
      300,
    ),
    filters,
    bisectBatchOnFunctionError: properties.boolean('BisectBatchOnFunctionError', false),
    maximumRetryAttempts: integerInRange(
      properties,
      where,
      'MaximumRetryAttempts',
      STREAM_MAPPING_DEFAULTS.maximumRetryAttempts,
      -1,
      10_000,
    ),
    maximumRecordAgeSeconds: recordAge(properties, where),
    reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
    parallelizationFactor: integerInRange(
      properties,
      where,
      'ParallelizationFactor',
      STREAM_MAPPING_DEFAULTS.parallelizationFactor,
      1,
      10,
    ),
    tumblingWindowSeconds: integerInRange(
      properties,
      where,
      'TumblingWindowInSeconds',
      STREAM_MAPPING_DEFAULTS.tumblingWindowSeconds,
      0,
      900,
    ),
    enabled: properties.boolean('Enabled', true),
  };
  const destination = onFailureDestination(properties, where, context);
  if (destination !== undefined) mapping.onFailureDestinationArn = destination;
  return mapping;
}
