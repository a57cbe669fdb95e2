import type { EventBridgeState } from '../state';
import type { ListEventBusesInput } from '../validations/list-event-buses';
import { paginate } from '../views';

export function listEventBuses(state: EventBridgeState, input: ListEventBusesInput): unknown {
  const buses = state.registry
    .buses()
    .filter((bus) => bus.model.name.startsWith(input.NamePrefix))
    .map((bus) => ({ Name: bus.model.name, Arn: bus.model.arn }));
  const { page, nextToken } = paginate(buses, input);
  return { EventBuses: page, ...(nextToken ? { NextToken: nextToken } : {}) };
}
