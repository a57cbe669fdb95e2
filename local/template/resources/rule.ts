import { RuleModel, RuleTargetModel } from '../../model/types';
import { arnService, busNameFromArnOrName } from '../arns';
import { TemplateError } from '../cfn-types';
import { parseScheduleExpression, ScheduleExpressionError } from '../../schedule-expression';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';
import { readTargetInput } from './rule-target-input';

/** AWS defaults for a rule target's retry policy. */
export const RULE_TARGET_DEFAULTS = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

function targetKind(arn: string): RuleTargetModel['kind'] {
  const service = arnService(arn);
  if (service === 'events' && arn.includes(':api-destination/')) return 'api-destination';
  return service === 'lambda' || service === 'sqs' || service === 'sns' ? service : 'unsupported';
}

/** An API destination target's HttpParameters: header and query values and path wildcard values, each text or a `$.` path. */
function httpParameters(target: PropertyReader): RuleTargetModel['httpParameters'] {
  const http = target.child('HttpParameters');
  const strings = (reader: PropertyReader) => Object.fromEntries(Object.keys(reader.values).map((key) => [key, reader.string(key)]));
  return {
    headers: strings(http.child('HeaderParameters')),
    pathParameterValues: http.stringList('PathParameterValues'),
    queryString: strings(http.child('QueryStringParameters')),
  };
}

function buildTarget(ruleId: string, target: PropertyReader, context: BuildContext): RuleTargetModel {
  const id = target.string('Id');
  const arn = target.string('Arn');
  const kind = targetKind(arn);
  if (kind === 'unsupported') context.warn(`${ruleId} (AWS::Events::Rule): target ${id} (${arn}) is not delivered locally`);
  if (target.has('SqsParameters')) {
    context.warn(`${ruleId} (AWS::Events::Rule): target ${id}'s SqsParameters (a FIFO MessageGroupId) is not applied locally; messages are sent without it`);
  }
  const retry = target.child('RetryPolicy');
  const model: RuleTargetModel = {
    id,
    arn,
    kind,
    retryPolicy: {
      maximumRetryAttempts: retry.number('MaximumRetryAttempts', RULE_TARGET_DEFAULTS.maximumRetryAttempts),
      maximumEventAgeSeconds: retry.number('MaximumEventAgeInSeconds', RULE_TARGET_DEFAULTS.maximumEventAgeSeconds),
    },
  };
  Object.assign(model, readTargetInput(`${ruleId} (AWS::Events::Rule)`, target, id));
  if (kind === 'api-destination') model.httpParameters = httpParameters(target);
  const deadLetterArn = target.child('DeadLetterConfig').optionalString('Arn');
  if (deadLetterArn !== undefined) model.deadLetterArn = deadLetterArn;
  const roleArn = target.optionalString('RoleArn');
  if (roleArn !== undefined) model.roleArn = roleArn;
  return model;
}

export function buildRule({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): RuleModel {
  const where = `${logicalId} (AWS::Events::Rule)`;
  if (!properties.has('EventPattern') && !properties.has('ScheduleExpression')) {
    throw new TemplateError(`${where}: Parameter(s) EventPattern or ScheduleExpression must be specified.`);
  }
  const state = properties.optionalString('State') ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    throw new TemplateError(`${logicalId}: State must be ENABLED or DISABLED, got ${state}`);
  }
  const busName = busNameFromArnOrName(properties.optionalString('EventBusName') ?? 'default');
  const rule: RuleModel = {
    logicalId,
    name: identity.ref,
    arn: identity.attributes.Arn,
    busName,
    state,
    targets: properties.list('Targets').map((target) => buildTarget(logicalId, target, context)),
  };
  if (properties.has('EventPattern')) rule.eventPattern = properties.json('EventPattern');
  const scheduleExpression = properties.optionalString('ScheduleExpression');
  if (scheduleExpression !== undefined) rule.scheduleExpression = checkedSchedule(where, scheduleExpression, busName);
  const description = properties.optionalString('Description');
  if (description !== undefined) rule.description = description;
  return rule;
}

function checkedSchedule(where: string, expression: string, busName: string): string {
  if (busName !== 'default') throw new TemplateError(`${where}: ScheduleExpression is supported only on the default event bus.`);
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    throw new TemplateError(`${where}: Parameter ScheduleExpression is not valid: ${error.message}`);
  }
  return expression;
}
