import type { EventBridgeService, Input } from '../service';

export function putEvents(service: EventBridgeService, input: Input): unknown {
  return service.router.putEvents(input.Entries);
}
