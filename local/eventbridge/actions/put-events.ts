import type { RequestContext } from '../../protocol/service';
import { entryAuthorizer } from '../entry-authorization';
import type { EventBridgeState } from '../state';
import type { PutEventsInput } from '../validations/put-events';

/** `context.traceParent` is the invocation that put the events, when a function did. */
export function putEvents(state: EventBridgeState, input: PutEventsInput, context: RequestContext) {
  return state.router.putEvents(input.Entries, entryAuthorizer(context.caller), context.traceParent);
}
