import type { EventBridgeState } from '../state';
import type { ListRulesInput } from '../validations/list-rules';
import { paginate, ruleView } from '../views';

export function listRules(state: EventBridgeState, input: ListRulesInput): unknown {
  const bus = state.registry.bus(input.EventBusName);
  const rules = [...bus.rules.values()]
    .filter((rule) => rule.name.startsWith(input.NamePrefix))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(ruleView);
  const { page, nextToken } = paginate(rules, input);
  return { Rules: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
