/** A span's id: unique in this process, and never reused after a restart (the prefix is drawn per process). */
export type SpanId = string;

/**
 * Where a hop stands. `pending` until a hop that takes time ends; `dropped` for one that ended on purpose
 * without going further (a record a pipe's filter left out).
 */
export type SpanOutcome = 'pending' | 'ok' | 'error' | 'dropped';

/** A value a span shows beside its name: ids, counts, durations, flags. */
export type SpanAttributes = Record<string, string | number | boolean>;

/** What a service says about one hop. Only `kind` and `resource` are required. */
export interface SpanInit {
  /** What happened, as `<service>.<hop>`: `stream.record`, `pipe.batch`, `lambda.invoke`, `sqs.message`… */
  kind: string;
  /** The ARN of the resource the hop happened at (a topology node), or the service's name when it has none. */
  resource: string;
  /** A short label for people: a rule's name, an operation, a target id. */
  name?: string;
  /** The hops that caused this one; undefined entries (no known cause) are skipped. */
  parents?: ReadonlyArray<SpanId | undefined>;
  /** Ids a person may search for: an event id, a message id, a sequence number, a request id. */
  ids?: readonly string[];
  /** The key attribute values of the item that started the path, which a search by value matches exactly. */
  itemKeys?: readonly string[];
  /** Other attribute values of that item, which a search by value matches exactly. */
  values?: readonly string[];
  attributes?: SpanAttributes;
  /** The body the hop carried (an event, a message body, a record), which a search matches by substring. */
  payload?: string;
  /** A name other services find this span by (`tracer.find`), such as `stream-record:<eventID>`. */
  key?: string;
}

/** A recorded hop, as the console reads it. */
export interface Span {
  readonly id: SpanId;
  readonly kind: string;
  readonly resource: string;
  readonly name: string | undefined;
  readonly parents: readonly SpanId[];
  /** Hops this one caused, in the order they were recorded. */
  readonly children: SpanId[];
  /** Epoch ms, on the runtime's clock. */
  readonly startedAt: number;
  endedAt: number | undefined;
  outcome: SpanOutcome;
  readonly ids: readonly string[];
  readonly itemKeys: readonly string[];
  readonly values: readonly string[];
  attributes: SpanAttributes;
  readonly payload: string | undefined;
  /** True when the payload was cut to the kept length. */
  readonly payloadTruncated: boolean;
  readonly key: string | undefined;
  /** Lines the hop wrote (a function's output) or that were said about it (a retry's error); bounded. */
  logs: string[] | undefined;
}
