import { FunctionModel, SqsEventSourceMappingModel } from '../../model/types';
import { compilePipeFilters, InvalidEventPatternError } from '../../patterns';
import { arnService, functionNameFromArnOrName } from '../arns';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';

/** AWS defaults for an SQS event source mapping. */
export const SQS_MAPPING_DEFAULTS = { batchSize: 10, maximumBatchingWindowSeconds: 0 };

/** AWS::Lambda::EventSourceMapping; only SQS sources run locally (the pipe reads the table streams). */
export function buildSqsEventSourceMapping(
  { logicalId, properties }: ResolvedResource,
  functions: FunctionModel[],
  context: BuildContext,
): SqsEventSourceMappingModel | undefined {
  const sourceArn = properties.optionalString('EventSourceArn') ?? '(none)';
  if (arnService(sourceArn) !== 'sqs') {
    context.warn(`${logicalId} (AWS::Lambda::EventSourceMapping): source ${sourceArn} is not an SQS queue; not run locally`);
    return undefined;
  }
  const functionName = functionNameFromArnOrName(properties.string('FunctionName'));
  const target = functions.find((fn) => fn.name === functionName);
  if (!target) {
    context.warn(`${logicalId} (AWS::Lambda::EventSourceMapping): function ${functionName} is not run locally; skipped`);
    return undefined;
  }
  const mapping: SqsEventSourceMappingModel = {
    logicalId,
    functionArn: target.arn,
    queueArn: sourceArn,
    batchSize: properties.number('BatchSize', SQS_MAPPING_DEFAULTS.batchSize),
    maximumBatchingWindowSeconds: properties.number(
      'MaximumBatchingWindowInSeconds',
      SQS_MAPPING_DEFAULTS.maximumBatchingWindowSeconds,
    ),
    reportBatchItemFailures: properties.stringList('FunctionResponseTypes').includes('ReportBatchItemFailures'),
    enabled: properties.boolean('Enabled', true),
  };
  const maximumConcurrency = properties.child('ScalingConfig').optionalNumber('MaximumConcurrency');
  if (maximumConcurrency !== undefined) mapping.maximumConcurrency = maximumConcurrency;
  const filters = filterPatterns(logicalId, properties);
  if (filters.length > 0) mapping.filters = filters;
  return mapping;
}

/** FilterCriteria's patterns, checked as Lambda checks them when the mapping is created. */
function filterPatterns(logicalId: string, properties: PropertyReader): string[] {
  const patterns = properties
    .child('FilterCriteria')
    .list('Filters')
    .map((filter) => filter.string('Pattern'));
  try {
    compilePipeFilters(patterns);
  } catch (error) {
    if (!(error instanceof InvalidEventPatternError)) throw error;
    throw new TemplateError(`${logicalId} (AWS::Lambda::EventSourceMapping): FilterCriteria that Lambda would refuse: ${error.message}`);
  }
  return patterns;
}
