import { optionalString } from '../input';
import type { EventBridgeService, Input } from '../service';
import { paginate, ruleView } from '../views';

export function listRules(service: EventBridgeService, input: Input): unknown {
  const bus = service.registry.bus(optionalString(input, 'EventBusName'));
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const rules = [...bus.rules.values()]
    .filter((rule) => rule.name.startsWith(prefix))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(ruleView);
  const { page, nextToken } = paginate(rules, input);
  return { Rules: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
