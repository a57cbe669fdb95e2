import { optionalString } from '../input';
import type { EventBridgeService, Input } from '../service';

export function describeEventBus(service: EventBridgeService, input: Input): unknown {
  const bus = service.registry.bus(optionalString(input, 'Name'));
  return { Name: bus.model.name, Arn: bus.model.arn };
}
