import { RuleModel, RuleTargetModel } from '../../model/types';
import { arnService, busNameFromArnOrName } from '../arns';
import { TemplateError } from '../cfn-types';
import { PropertyReader } from '../properties';
import { BuildContext, ResolvedResource } from './build-context';
import { readTargetInput } from './rule-target-input';

/** AWS defaults for a rule target's retry policy. */
export const RULE_TARGET_DEFAULTS = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

function targetKind(arn: string): RuleTargetModel['kind'] {
  const service = arnService(arn);
  return service === 'lambda' || service === 'sqs' ? service : 'unsupported';
}

function buildTarget(ruleId: string, target: PropertyReader, context: BuildContext): RuleTargetModel {
  const id = target.string('Id');
  const arn = target.string('Arn');
  const kind = targetKind(arn);
  if (kind === 'unsupported') context.warn(`${ruleId} (AWS::Events::Rule): target ${id} (${arn}) is not delivered locally`);
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
  const deadLetterArn = target.child('DeadLetterConfig').optionalString('Arn');
  if (deadLetterArn !== undefined) model.deadLetterArn = deadLetterArn;
  return model;
}

export function buildRule({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): RuleModel | undefined {
  if (!properties.has('EventPattern')) {
    context.warn(`${logicalId} (AWS::Events::Rule): scheduled rules are not run locally; skipped`);
    return undefined;
  }
  const state = properties.optionalString('State') ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') {
    throw new TemplateError(`${logicalId}: State must be ENABLED or DISABLED, got ${state}`);
  }
  const rule: RuleModel = {
    logicalId,
    name: identity.ref,
    arn: identity.attributes.Arn,
    busName: busNameFromArnOrName(properties.optionalString('EventBusName') ?? 'default'),
    eventPattern: properties.json('EventPattern'),
    state,
    targets: properties.list('Targets').map((target) => buildTarget(logicalId, target, context)),
  };
  const description = properties.optionalString('Description');
  if (description !== undefined) rule.description = description;
  return rule;
}
