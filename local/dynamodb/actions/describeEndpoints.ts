import type { RequestContext } from '../../protocol/service';

/** SDKs with endpoint discovery ask for this; the answer is the local endpoint itself. */
export function describeEndpoints(context: RequestContext) {
  return { Endpoints: [{ Address: new URL(context.endpoint).host, CachePeriodInMinutes: 1440 }] };
}
