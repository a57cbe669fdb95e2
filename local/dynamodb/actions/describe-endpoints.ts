import type { RequestContext } from '../../protocol/service';
import type { DynamoDbState } from '../state';

/** SDKs with endpoint discovery ask for this; the answer is the local endpoint itself. */
export function describeEndpoints(_state: DynamoDbState, _input: Record<string, never>, context: RequestContext) {
  return { Endpoints: [{ Address: new URL(context.endpoint).host, CachePeriodInMinutes: 1440 }] };
}
