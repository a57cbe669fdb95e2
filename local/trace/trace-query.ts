import type { Span, SpanId } from './span';
import type { SpanStore } from './tracer';

/** One path through the runtime, named by the hop it started with. */
export interface TraceSummary {
  rootId: SpanId;
  kind: string;
  resource: string;
  name: string | undefined;
  /** The root's first id (an event id, a record's eventID), for the list. */
  label: string | undefined;
  startedAt: number;
  /** When the last hop of the path ended, while every hop has ended. */
  endedAt: number | undefined;
  hops: number;
  errors: number;
  pending: number;
}

export interface TraceView {
  /** The span asked for; the view holds its causes up to their roots, and what those roots caused. */
  focus: SpanId;
  spans: Span[];
  /** Branches left out below a hop that gathered several items (a pipe's batch): other items' paths. */
  otherItems: Array<{ below: SpanId; count: number }>;
  /** True when some hop names a cause the ring no longer keeps. */
  truncated: boolean;
}

const MAX_TRACES = 50;
const MAX_MATCHES = 500;
const MAX_VIEW_SPANS = 2_000;
/** Shorter queries would match most payloads by substring; they still match ids and values exactly. */
const MIN_SUBSTRING_QUERY = 3;

/**
 * The newest traces, or those holding a hop that matches `query`: an id of any hop (event id, message id,
 * sequence number, request id), an attribute value of the item that started a path, or text in what a hop
 * carried. A scan of the ring: searching is rare, recording is not.
 */
export function findTraces(store: SpanStore, query: string | undefined, limit = MAX_TRACES): { traces: TraceSummary[]; matches: SpanId[] } {
  const needle = query?.trim() ?? '';
  const roots = new Map<SpanId, Span>();
  const matches: SpanId[] = [];
  for (const span of store.newestFirst()) {
    if (roots.size >= limit || matches.length >= MAX_MATCHES) break;
    if (needle === '') {
      if (span.parents.length === 0) roots.set(span.id, span);
      continue;
    }
    if (!matchesQuery(span, needle)) continue;
    matches.push(span.id);
    for (const root of rootsOf(store, span)) if (roots.size < limit) roots.set(root.id, root);
  }
  return { traces: [...roots.values()].map((root) => summarize(store, root)), matches };
}

function matchesQuery(span: Span, needle: string): boolean {
  return (
    span.id === needle ||
    span.ids.includes(needle) ||
    span.itemKeys.includes(needle) ||
    span.values.includes(needle) ||
    (needle.length >= MIN_SUBSTRING_QUERY && span.payload !== undefined && span.payload.includes(needle))
  );
}

/** The hops with no kept cause that `span` descends from (itself, when it has none). */
function rootsOf(store: SpanStore, span: Span): Span[] {
  const roots: Span[] = [];
  const seen = new Set<SpanId>();
  const stack = [span];
  while (stack.length > 0) {
    const current = stack.pop() as Span;
    if (seen.has(current.id)) continue;
    seen.add(current.id);
    const kept = current.parents.map((id) => store.get(id)).filter((parent): parent is Span => parent !== undefined);
    if (kept.length === 0) roots.push(current);
    else stack.push(...kept);
  }
  return roots;
}

function summarize(store: SpanStore, root: Span): TraceSummary {
  const view = traceFrom(store, [root]);
  let errors = 0;
  let pending = 0;
  let endedAt: number | undefined = root.endedAt ?? 0;
  for (const span of view.spans) {
    if (span.outcome === 'error') errors++;
    if (span.outcome === 'pending') pending++;
    endedAt = span.endedAt === undefined || endedAt === undefined ? undefined : Math.max(endedAt, span.endedAt);
  }
  return {
    rootId: root.id,
    kind: root.kind,
    resource: root.resource,
    name: root.name,
    label: root.ids[0],
    startedAt: root.startedAt,
    endedAt,
    hops: view.spans.length,
    errors,
    pending,
  };
}

/** The trace around one hop: its causes up to their roots, and everything those roots caused. */
export function traceAround(store: SpanStore, spanId: SpanId): TraceView | undefined {
  const focus = store.get(spanId);
  if (!focus) return undefined;
  const roots = rootsOf(store, focus);
  const view = traceFrom(store, roots);
  // A focus below a batch's pruned branch still shows, with the chain that leads to it.
  const included = new Set(view.spans.map((span) => span.id));
  const chain = [focus];
  while (chain.length > 0) {
    const span = chain.pop() as Span;
    if (included.has(span.id)) continue;
    included.add(span.id);
    view.spans.push(span);
    for (const parent of span.parents) {
      const kept = store.get(parent);
      if (kept) chain.push(kept);
    }
  }
  return { focus: spanId, ...view };
}

/**
 * Walks down from the roots. Below a hop with several causes (a batch of records), a hop that carried a payload
 * naming none of the roots' item keys belongs to another item of the batch: it is counted, not shown.
 */
function traceFrom(store: SpanStore, roots: Span[]): Omit<TraceView, 'focus'> {
  const keys = roots.flatMap((root) => root.itemKeys);
  const spans: Span[] = [];
  const otherItems = new Map<SpanId, number>();
  const seen = new Set<SpanId>();
  let truncated = false;
  const queue: Array<{ span: Span; belowBatch: boolean }> = roots.map((span) => ({ span, belowBatch: false }));
  while (queue.length > 0 && spans.length < MAX_VIEW_SPANS) {
    const { span, belowBatch } = queue.shift() as { span: Span; belowBatch: boolean };
    if (seen.has(span.id)) continue;
    seen.add(span.id);
    spans.push(span);
    if (span.parents.some((parent) => !store.get(parent))) truncated = true;
    const batch = belowBatch || span.parents.length > 1;
    for (const childId of span.children) {
      const child = store.get(childId);
      if (!child) continue;
      if (batch && keys.length > 0 && child.payload !== undefined && !child.payloadTruncated && !keys.some((key) => child.payload?.includes(key))) {
        otherItems.set(span.id, (otherItems.get(span.id) ?? 0) + 1);
        continue;
      }
      queue.push({ span: child, belowBatch: batch });
    }
  }
  return { spans, otherItems: [...otherItems].map(([below, count]) => ({ below, count })), truncated };
}
