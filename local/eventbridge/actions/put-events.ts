import type { RequestContext } from '../../protocol/service';
import type { EventBridgeState } from '../state';
import type { PutEventsInput } from '../validations/put-events';

export function putEvents(state: EventBridgeState, input: PutEventsInput, context?: Pick<RequestContext, 'traceParent'>) {
  return state.router.putEvents(input.Entries, context?.traceParent);
}
