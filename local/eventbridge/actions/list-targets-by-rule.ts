import type { EventBridgeState } from '../state';
import type { ListTargetsByRuleInput } from '../validations/list-targets-by-rule';
import { paginate, targetView } from '../views';

export function listTargetsByRule(state: EventBridgeState, input: ListTargetsByRuleInput): unknown {
  const rule = state.registry.rule(input.EventBusName, input.Rule);
  const { page, nextToken } = paginate(rule.targets.map(targetView), input);
  return { Targets: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
