import type { IncomingHttpHeaders } from 'node:http';
import type { SpanId } from './span';

/**
 * The header a function's sandbox adds to every request it makes to the local endpoint while an invocation runs:
 * the invocation's span id. The worker bootstrap adds it below the SDK (on Node's http.request and fetch), so it
 * is never part of a request's signature, and any client library carries it. It is the only way a table write or
 * an email sent BY an invocation can be attributed to it: the sandbox's credentials name the function, not the
 * invocation.
 */
export const TRACE_PARENT_HEADER = 'x-local-trace-parent';

/** Span ids are short and plain; anything else in the header is ignored rather than trusted. */
const SPAN_ID = /^[0-9a-z-]{1,40}$/;

export function traceParentOf(headers: IncomingHttpHeaders): SpanId | undefined {
  const value = headers[TRACE_PARENT_HEADER];
  return typeof value === 'string' && SPAN_ID.test(value) ? value : undefined;
}
