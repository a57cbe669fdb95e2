import { findTraces, SpanStore, traceAround } from '../../../local/trace';

describe('the span store', () => {
  let now = 1_000;
  const store = (capacity?: number) => new SpanStore({ now: () => now, capacity });

  it('keeps the newest spans up to its capacity, and forgets the keys and pending counts of those it evicts', () => {
    const spans = store(2);
    const first = spans.start({ kind: 'k', resource: 'r', key: 'first' });
    const second = spans.record({ kind: 'k', resource: 'r' });
    expect(spans.find('first')).toBe(first);
    expect(spans.countsOf('r').k).toEqual({ ok: 1, error: 0, pending: 1, dropped: 0 });

    const third = spans.record({ kind: 'k', resource: 'r' });
    expect(spans.size).toBe(2);
    expect(spans.get(first)).toBeUndefined();
    expect(spans.find('first')).toBeUndefined();
    expect(spans.countsOf('r').k).toEqual({ ok: 2, error: 0, pending: 0, dropped: 0 });
    expect([...spans.newestFirst()].map((span) => span.id)).toEqual([third, second]);
    // Ending an evicted span changes nothing.
    spans.end(first, 'error');
    expect(spans.countsOf('r').k.error).toBe(0);
  });

  it('keeps exactly the newest spans, oldest evicted first, however many times the ring wraps', () => {
    const spans = store(3);
    const ids = Array.from({ length: 10 }, (_unused, index) => spans.record({ kind: 'k', resource: 'r', key: `span-${index}` }));

    expect(spans.size).toBe(3);
    expect([...spans.newestFirst()].map((span) => span.id)).toEqual([ids[9], ids[8], ids[7]]);
    expect(ids.slice(0, 7).every((id) => spans.get(id) === undefined)).toBe(true);
    expect(spans.find('span-6')).toBeUndefined();
    expect(spans.find('span-7')).toBe(ids[7]);
    expect(spans.countsOf('r').k.ok).toBe(10);
  });

  it('counts the edge from a parent that is evicted by the very span it caused', () => {
    const spans = store(1);
    const parent = spans.record({ kind: 'stream.record', resource: 'stream' });
    spans.record({ kind: 'pipe.batch', resource: 'pipe', parents: [parent] });

    expect(spans.get(parent)).toBeUndefined();
    expect(spans.edges()).toEqual([{ from: 'stream', to: 'pipe', count: 1 }]);
  });

  it('ends a pending span with its outcome, time and attributes, and moves its count', () => {
    const spans = store();
    now = 1_000;
    const id = spans.start({ kind: 'lambda.invoke', resource: 'fn', attributes: { requestId: 'r-1' } });
    now = 1_250;
    spans.end(id, 'error', { durationMs: 250 });
    const span = spans.get(id);
    expect(span).toMatchObject({ outcome: 'error', startedAt: 1_000, endedAt: 1_250, attributes: { requestId: 'r-1', durationMs: 250 } });
    expect(spans.countsOf('fn')['lambda.invoke']).toEqual({ ok: 0, error: 1, pending: 0, dropped: 0 });
  });

  it('counts an edge once per parent resource, never within one resource', () => {
    const spans = store();
    const a = spans.record({ kind: 'stream.record', resource: 'stream' });
    const b = spans.record({ kind: 'stream.record', resource: 'stream' });
    const batch = spans.record({ kind: 'pipe.batch', resource: 'pipe', parents: [a, b] });
    spans.record({ kind: 'pipe.retry', resource: 'pipe', parents: [batch] });
    expect(spans.edges()).toEqual([{ from: 'stream', to: 'pipe', count: 1 }]);
  });

  it('bounds the lines kept per span', () => {
    const spans = store();
    const id = spans.record({ kind: 'k', resource: 'r' });
    for (let line = 0; line < 250; line++) spans.log(id, `line ${line}`);
    const logs = spans.get(id)?.logs ?? [];
    expect(logs).toHaveLength(201);
    expect(logs.at(-1)).toMatch(/not kept/);
  });

  it('finds traces by id, by item value exactly and by payload text, and lists the newest roots without a query', () => {
    const spans = store();
    const record = spans.record({ kind: 'stream.record', resource: 's', ids: ['event-1'], itemKeys: ['u-1'], values: ['Ada'] });
    const child = spans.record({ kind: 'events.put', resource: 'bus', parents: [record], payload: '{"detail":{"userId":"u-1","plan":"gold"}}' });
    const other = spans.record({ kind: 'stream.record', resource: 's', ids: ['event-2'], itemKeys: ['u-2'] });

    expect(findTraces(spans, 'event-1').traces.map((trace) => trace.rootId)).toEqual([record]);
    expect(findTraces(spans, 'Ada').traces.map((trace) => trace.rootId)).toEqual([record]);
    expect(findTraces(spans, 'Ad').traces).toEqual([]);
    expect(findTraces(spans, 'gold')).toEqual({ traces: [expect.objectContaining({ rootId: record, hops: 2 })], matches: [child] });
    expect(findTraces(spans, '').traces.map((trace) => trace.rootId)).toEqual([other, record]);
  });

  it("shows, below a batch, only the branches whose payload names the root item's keys", () => {
    const spans = store();
    const mine = spans.record({ kind: 'stream.record', resource: 's', itemKeys: ['u-1'] });
    const theirs = spans.record({ kind: 'stream.record', resource: 's', itemKeys: ['u-2'] });
    const batch = spans.record({ kind: 'pipe.batch', resource: 'p', parents: [mine, theirs] });
    const enrichment = spans.record({ kind: 'lambda.invoke', resource: 'f', parents: [batch] });
    const myEvent = spans.record({ kind: 'events.put', resource: 'b', parents: [enrichment], payload: '{"userId":"u-1"}' });
    const theirEvent = spans.record({ kind: 'events.put', resource: 'b', parents: [enrichment], payload: '{"userId":"u-2"}' });

    const view = traceAround(spans, mine);
    expect(view?.spans.map((span) => span.id)).toEqual([mine, batch, enrichment, myEvent]);
    expect(view?.otherItems).toEqual([{ below: enrichment, count: 1 }]);
    // Asked for the other item's event, the view follows that item's root instead.
    expect(traceAround(spans, theirEvent)?.spans.map((span) => span.id)).toContain(theirEvent);
    expect(traceAround(spans, theirEvent)?.spans.map((span) => span.id)).toContain(theirs);
  });
});
