import { optionalString, requiredString } from '../input';
import type { EventBridgeService, Input } from '../service';
import { paginate, targetView } from '../views';

export function listTargetsByRule(service: EventBridgeService, input: Input): unknown {
  const rule = service.registry.rule(optionalString(input, 'EventBusName'), requiredString(input, 'Rule'));
  const { page, nextToken } = paginate(rule.targets.map(targetView), input);
  return { Targets: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
