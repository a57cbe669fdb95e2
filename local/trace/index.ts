/**
 * Tracing: the path every event takes through the runtime, hop by hop, recorded as causality. Each hop is a span
 * with the spans that caused it as parents: a stream record → the pipe batch that read it → the enrichment's
 * invocation → the PutEvents entry → each rule it matched → each target delivery → the queue message → the batch
 * an event source mapping received → the invocation → what the invocation did (a table write, an email, a DLQ
 * entry). The runtime knows no domain: a span names a kind, a resource (an ARN) and ids; a stream record also
 * carries its item's key and attribute values, so a person can search by them.
 *
 * Adopting it in a service takes a line or two. Take a `tracer?: Tracer` option (default `NO_TRACING`), record
 * the hop with the cause you were handed, and hand the returned id on as the cause of what the hop does next:
 *
 *   const span = tracer.record({ kind: 'sns.publish', resource: topicArn, parents: [cause], ids: [messageId] });
 *   sqs.send(queueArn, { body, trace: { parent: span } });
 *
 * A hop that takes time is `start`ed and `end`ed ('ok', 'error' or 'dropped'); `log` adds a line to it. Causes
 * travel through the in-process ports (`trace` on SqsSendInput, `TraceOptions` on LambdaPort and EventBridgePort),
 * through SQS messages (kept with the message, so they outlive a restart), and from a function's invocation to
 * its own calls through the x-local-trace-parent header (see header.ts), which the endpoint turns into
 * `RequestContext.traceParent`.
 *
 * The ring keeps DEFAULT_SPAN_CAPACITY spans (about the last 250 users of the built-in app); recording costs
 * a few Map operations, and nothing is indexed until someone searches.
 */
export { NO_TRACING, SpanStore, DEFAULT_SPAN_CAPACITY, type Tracer, type ResourceCounts, type SpanStoreOptions } from './tracer';
export type { Span, SpanAttributes, SpanId, SpanInit, SpanOutcome } from './span';
export { findTraces, traceAround, type TraceSummary, type TraceView } from './trace-query';
export { TRACE_PARENT_HEADER, traceParentOf } from './header';
