import type { EventBridgeState } from '../state';
import type { DescribeEventBusInput } from '../validations/describe-event-bus';

export function describeEventBus(state: EventBridgeState, input: DescribeEventBusInput): unknown {
  const bus = state.registry.bus(input.Name);
  return { Name: bus.model.name, Arn: bus.model.arn };
}
