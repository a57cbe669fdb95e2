import { optionalString, requiredString } from '../input';
import type { EventBridgeService, Input } from '../service';
import { ruleView } from '../views';

export function describeRule(service: EventBridgeService, input: Input): unknown {
  const rule = service.registry.rule(optionalString(input, 'EventBusName'), requiredString(input, 'Name'));
  return { ...ruleView(rule), CreatedBy: service.registry.account };
}
