import { randomBytes } from 'node:crypto';
import type { Span, SpanAttributes, SpanId, SpanInit, SpanOutcome } from './span';

/** What every service asks of tracing; `NO_TRACING` answers it for services started without a tracer. */
export interface Tracer {
  /** Records a hop that happened at once (ok unless `outcome` says otherwise) and returns its id. */
  record(init: SpanInit, outcome?: SpanOutcome): SpanId;
  /** Records a hop that takes time: pending until `end`. */
  start(init: SpanInit): SpanId;
  /** Ends a hop (again, to correct its outcome), adding attributes. An id that is no longer kept is ignored. */
  end(id: SpanId | undefined, outcome: Exclude<SpanOutcome, 'pending'>, attributes?: SpanAttributes): void;
  /** Adds a line to a hop: a function's output, or what went wrong on one attempt. */
  log(id: SpanId | undefined, line: string): void;
  /** The kept span recorded with this `key`, if any. */
  find(key: string): SpanId | undefined;
}

/** Tracing switched off: every call is a no-op, and the ids it returns name nothing. */
export const NO_TRACING: Tracer = {
  record: () => '',
  start: () => '',
  end: () => undefined,
  log: () => undefined,
  find: () => undefined,
};

/** Counts of one kind of a resource's hops, shown on its topology node. */
export interface ResourceCounts {
  ok: number;
  error: number;
  pending: number;
  dropped: number;
}

export interface SpanStoreOptions {
  /** Epoch ms; the runtime's clock. */
  now: () => number;
  /** How many spans are kept; the oldest go first. */
  capacity?: number;
}

/**
 * About 20 hops per new user of the built-in app: the newest 250 users' paths stay searchable, in about 8 MB of heap
 * (a heap snapshot found 30 MB for 20,000 hops, whose payloads are kept up to 4 KB each). A bigger ring costs more
 * than its memory: every full collection marks it, and the benchmark measured the console with its tracing at 10-11%
 * of throughput with 10,000 hops kept, 5% with 5,000. The console says when a trace reaches back past what is kept.
 */
export const DEFAULT_SPAN_CAPACITY = 5_000;
const MAX_LOG_LINES_PER_SPAN = 200;
const MAX_LOG_LINE_CHARS = 2_000;
const MAX_PAYLOAD_CHARS = 4_096;

/**
 * The runtime's tracer: every hop is kept in memory, in a bounded ring, with running counts per resource and per
 * edge between resources for the topology.
 * Recording costs a few Map operations; nothing is indexed on the hot path: a search scans the ring.
 */
export class SpanStore implements Tracer {
  readonly capacity: number;
  private readonly spans = new Map<SpanId, Span>();
  /**
   * Span ids in the order they were added, one slot per span kept: once full, the slot the next span takes holds
   * the oldest. The Map alone cannot say which is oldest cheaply: V8 leaves a deleted entry's slot in place until it
   * rehashes, and iterating from the start skips every one (a micro-benchmark of 80,000 spans measured 7.8 µs a
   * span that way, 2.7 with this ring).
   */
  private readonly order: Array<SpanId | undefined>;
  private nextSlot = 0;
  /** resource → span kind → counts. */
  private readonly resourceCounts = new Map<string, Map<string, ResourceCounts>>();
  private readonly edgeCounts = new Map<string, number>();
  private readonly keyed = new Map<string, SpanId>();
  private readonly prefix = randomBytes(3).toString('hex');
  private sequence = 0;
  private changes = 0;

  constructor(private readonly options: SpanStoreOptions) {
    this.capacity = options.capacity ?? DEFAULT_SPAN_CAPACITY;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new Error(`Span capacity must be a whole number of at least 1, got ${this.capacity}`);
    this.order = new Array<SpanId | undefined>(this.capacity);
  }

  /** Goes up with every change; the console pushes an update when it moved. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.spans.size;
  }

  record(init: SpanInit, outcome: SpanOutcome = 'ok'): SpanId {
    const span = this.add(init, outcome);
    if (outcome !== 'pending') span.endedAt = span.startedAt;
    return span.id;
  }

  start(init: SpanInit): SpanId {
    return this.add(init, 'pending').id;
  }

  end(id: SpanId | undefined, outcome: Exclude<SpanOutcome, 'pending'>, attributes?: SpanAttributes): void {
    const span = id === undefined ? undefined : this.spans.get(id);
    if (!span) return;
    this.count(span.resource, span.kind, span.outcome, -1);
    this.count(span.resource, span.kind, outcome, 1);
    span.outcome = outcome;
    span.endedAt = this.options.now();
    if (attributes) span.attributes = { ...span.attributes, ...attributes };
    this.changes++;
  }

  log(id: SpanId | undefined, line: string): void {
    const span = id === undefined ? undefined : this.spans.get(id);
    if (!span) return;
    span.logs ??= [];
    if (span.logs.length >= MAX_LOG_LINES_PER_SPAN) return;
    span.logs.push(line.length > MAX_LOG_LINE_CHARS ? `${line.slice(0, MAX_LOG_LINE_CHARS)}…` : line);
    if (span.logs.length === MAX_LOG_LINES_PER_SPAN) span.logs.push(`… further lines are not kept (${MAX_LOG_LINES_PER_SPAN} per hop)`);
    this.changes++;
  }

  find(key: string): SpanId | undefined {
    return this.keyed.get(key);
  }

  get(id: SpanId): Span | undefined {
    return this.spans.get(id);
  }

  /** Every kept span, newest first. */
  *newestFirst(): IterableIterator<Span> {
    const all = [...this.spans.values()];
    for (let index = all.length - 1; index >= 0; index--) yield all[index];
  }

  /** Counts of a resource's hops since the start, by span kind (a queue's messages, a function's invocations). */
  countsOf(resource: string): Record<string, ResourceCounts> {
    return Object.fromEntries([...(this.resourceCounts.get(resource) ?? [])].map(([kind, counts]) => [kind, { ...counts }]));
  }

  /** Hops seen from one resource to another, since the start: `from → to` → count. */
  edges(): Array<{ from: string; to: string; count: number }> {
    return [...this.edgeCounts].map(([key, count]) => {
      const [from, to] = key.split('\u0000');
      return { from, to, count };
    });
  }

  /** Every resource that recorded a hop. */
  resources(): string[] {
    return [...this.resourceCounts.keys()];
  }

  private add(init: SpanInit, outcome: SpanOutcome): Span {
    const parents: SpanId[] = [];
    for (const parent of init.parents ?? []) if (parent) parents.push(parent);
    const truncated = init.payload !== undefined && init.payload.length > MAX_PAYLOAD_CHARS;
    const span: Span = {
      id: `${this.prefix}-${(++this.sequence).toString(36)}`,
      kind: init.kind,
      resource: init.resource,
      name: init.name,
      parents,
      children: [],
      startedAt: this.options.now(),
      endedAt: undefined,
      outcome,
      ids: init.ids ?? [],
      itemKeys: init.itemKeys ?? [],
      values: init.values ?? [],
      attributes: init.attributes ?? {},
      payload: truncated ? `${init.payload?.slice(0, MAX_PAYLOAD_CHARS)}…` : init.payload,
      payloadTruncated: truncated,
      key: init.key,
      logs: undefined,
    };
    const seen = new Set<string>([span.resource]);
    for (const parentId of parents) {
      const parent = this.spans.get(parentId);
      if (!parent) continue;
      parent.children.push(span.id);
      // A batch of records from one stream counts once on the stream → pipe edge; a hop within a resource, never.
      if (seen.has(parent.resource)) continue;
      seen.add(parent.resource);
      const edge = `${parent.resource}\u0000${span.resource}`;
      this.edgeCounts.set(edge, (this.edgeCounts.get(edge) ?? 0) + 1);
    }
    this.spans.set(span.id, span);
    if (init.key !== undefined) this.keyed.set(init.key, span.id);
    this.count(span.resource, span.kind, outcome, 1);
    // Evicted after the new span is linked to its parents, so a parent that is the oldest still counts its edge.
    const oldest = this.order[this.nextSlot];
    this.order[this.nextSlot] = span.id;
    this.nextSlot = (this.nextSlot + 1) % this.capacity;
    if (oldest !== undefined) this.evict(oldest);
    this.changes++;
    return span;
  }

  /** A hop evicted while pending is never ended here: it leaves the pending count, so the count stays true. */
  private evict(id: SpanId): void {
    const oldest = this.spans.get(id) as Span;
    this.spans.delete(oldest.id);
    if (oldest.key !== undefined && this.keyed.get(oldest.key) === oldest.id) this.keyed.delete(oldest.key);
    if (oldest.outcome === 'pending') this.count(oldest.resource, oldest.kind, 'pending', -1);
  }

  private count(resource: string, kind: string, outcome: SpanOutcome, delta: number): void {
    let byKind = this.resourceCounts.get(resource);
    if (!byKind) {
      byKind = new Map();
      this.resourceCounts.set(resource, byKind);
    }
    let counts = byKind.get(kind);
    if (!counts) {
      counts = { ok: 0, error: 0, pending: 0, dropped: 0 };
      byKind.set(kind, counts);
    }
    counts[outcome] += delta;
  }
}
