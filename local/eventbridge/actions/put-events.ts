import type { EventBridgeState } from '../state';
import type { PutEventsInput } from '../validations/put-events';

export function putEvents(state: EventBridgeState, input: PutEventsInput) {
  return state.router.putEvents(input.Entries);
}
