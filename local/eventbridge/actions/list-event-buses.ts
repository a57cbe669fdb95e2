import { optionalString } from '../input';
import type { EventBridgeService, Input } from '../service';
import { paginate } from '../views';

export function listEventBuses(service: EventBridgeService, input: Input): unknown {
  const prefix = optionalString(input, 'NamePrefix') ?? '';
  const buses = service.registry
    .buses()
    .filter((bus) => bus.model.name.startsWith(prefix))
    .map((bus) => ({ Name: bus.model.name, Arn: bus.model.arn }));
  const { page, nextToken } = paginate(buses, input);
  return { EventBuses: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
