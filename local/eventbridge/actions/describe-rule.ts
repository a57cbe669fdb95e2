import type { EventBridgeState } from '../state';
import type { DescribeRuleInput } from '../validations/describe-rule';
import { ruleView } from '../views';

export function describeRule(state: EventBridgeState, input: DescribeRuleInput): unknown {
  const rule = state.registry.rule(input.EventBusName, input.Name);
  return { ...ruleView(rule), CreatedBy: state.registry.account };
}
