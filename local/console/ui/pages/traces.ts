import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { useLiveJson } from '../api';
import { duration, link, loading, navigate, outcome, pretty, problem, shortName, time } from '../components';

interface TraceSummary {
  rootId: string;
  kind: string;
  resource: string;
  name?: string;
  label?: string;
  startedAt: number;
  endedAt?: number;
  hops: number;
  errors: number;
  pending: number;
}

interface Hop {
  id: string;
  kind: string;
  name?: string;
  resource: string;
  outcome: string;
  startedAt: number;
  durationMs?: number;
  attributes: Record<string, string | number | boolean>;
  ids: string[];
  itemKeys: string[];
  payload?: string;
  logs?: string[];
  parents: string[];
  children: string[];
}

interface TraceView {
  focus: string;
  truncated: boolean;
  otherItems: Array<{ below: string; count: number }>;
  spans: Hop[];
  names: Record<string, string>;
}

export function TracesPage({ query }: { query: string }): unknown {
  const [text, setText] = useState(query);
  const { data, error } = useLiveJson<{ traces: TraceSummary[]; kept: number; capacity: number }>(`/traces${query ? `?q=${encodeURIComponent(query)}` : ''}`);
  return html`
    <h1>Traces</h1>
    <form class="search" onSubmit=${(event: Event) => {
      event.preventDefault();
      navigate(`#/traces${text ? `?q=${encodeURIComponent(text)}` : ''}`);
    }}>
      <input name="q" value=${text} onInput=${(event: Event) => setText((event.target as HTMLInputElement).value)}
        placeholder="An id (event, message, record, request) or an attribute value of the item, such as a user id" aria-label="Search traces" />
      <button type="submit">Search</button>
    </form>
    ${problem(error)}
    ${!data ? loading() : html`
      <p class="muted">${query ? `Traces with a hop matching “${query}”` : 'The newest traces'}; ${data.kept} of at most ${data.capacity} hops kept.</p>
      ${data.traces.length === 0 ? html`<p>No trace${query ? ' matches' : ' yet: insert an item or send an event'}.</p>` : html`
      <table class="list traces">
        <thead><tr><th>Started</th><th>First hop</th><th>Id</th><th>Hops</th><th>Outcome</th></tr></thead>
        <tbody>${data.traces.map((trace) => html`
          <tr class=${trace.errors > 0 ? 'failed' : ''}>
            <td>${time(trace.startedAt)}</td>
            <td>${link(`#/traces/${trace.rootId}`, `${trace.kind} · ${trace.name ?? shortName(trace.resource)}`, 'trace-link')}</td>
            <td><code>${trace.label ?? ''}</code></td>
            <td>${trace.hops}</td>
            <td>${trace.errors > 0 ? outcome('error') : trace.pending > 0 ? outcome('pending') : outcome('ok')}
              ${trace.endedAt !== undefined ? html` <span class="muted">${duration(trace.endedAt - trace.startedAt)}</span>` : null}</td>
          </tr>`)}
        </tbody>
      </table>`}`}
  `;
}

/** The queue and message a failed hop's dead letter went to: its nearest dead-letter descendant. */
function deadLetterOf(hop: Hop, byId: Map<string, Hop>, names: Record<string, string>): { queue: string; messageId: string } | undefined {
  const stack = [...hop.children];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const child = byId.get(stack.shift() as string);
    if (!child || seen.has(child.id)) continue;
    seen.add(child.id);
    if (child.kind === 'sqs.message' && child.attributes.deadLetter) return { queue: names[child.resource] ?? shortName(child.resource), messageId: child.ids[0] };
    stack.push(...child.children);
  }
  return undefined;
}

export function TracePage({ id }: { id: string }): unknown {
  const { data, error } = useLiveJson<TraceView>(`/traces/${encodeURIComponent(id)}`);
  if (!data) return html`<h1>Trace</h1>${problem(error)}${error ? null : loading()}`;
  const byId = new Map(data.spans.map((span) => [span.id, span]));
  const roots = data.spans.filter((span) => span.parents.every((parent) => !byId.has(parent)));
  const start = Math.min(...data.spans.map((span) => span.startedAt));
  const rows: Array<{ hop: Hop; depth: number }> = [];
  const placed = new Set<string>();
  const place = (hop: Hop, depth: number): void => {
    if (placed.has(hop.id)) return;
    placed.add(hop.id);
    rows.push({ hop, depth });
    const children = hop.children.map((child) => byId.get(child)).filter((child): child is Hop => child !== undefined);
    for (const child of children.sort((a, b) => a.startedAt - b.startedAt)) place(child, depth + 1);
  };
  for (const root of roots.sort((a, b) => a.startedAt - b.startedAt)) place(root, 0);
  const others = new Map(data.otherItems.map((item) => [item.below, item.count]));
  return html`
    <h1>Trace</h1>
    <p class="muted">Every hop caused by the first, with its time from the start and how long it took. A failed hop is red and links to its dead-letter entry.
      ${data.truncated ? ' Some causes are older than the hops the console keeps.' : ''}</p>
    <ol class="trace">
      ${rows.map(({ hop, depth }) => {
        const deadLetter = hop.outcome === 'error' ? deadLetterOf(hop, byId, data.names) : undefined;
        const resource = data.names[hop.resource] ?? shortName(hop.resource);
        return html`<li class=${`hop outcome-${hop.outcome} ${hop.id === data.focus ? 'focus' : ''}`} style=${`--depth:${depth}`} data-kind=${hop.kind} data-span=${hop.id}>
          <details>
            <summary>
              <span class="kind">${hop.kind}</span>
              <span class="resource">${resource}</span>
              ${hop.name && hop.name !== resource ? html`<span class="name">${hop.name}</span>` : null}
              ${hop.itemKeys.length > 0 ? html`<strong class="item-keys">${hop.itemKeys.join(' / ')}</strong>` : null}
              ${hop.ids[0] ? html`<code>${hop.ids[0]}</code>` : null}
              ${hop.attributes.cold !== undefined ? html`<span class="badge">${hop.attributes.cold ? 'cold' : 'warm'}</span>` : null}
              <span class="when">+${hop.startedAt - start} ms · ${duration(hop.durationMs)}</span>
              ${outcome(hop.outcome)}
              ${deadLetter ? html`<a class="dead-letter" href=${`#/queues/${encodeURIComponent(deadLetter.queue)}?message=${deadLetter.messageId}`}>dead-letter entry in ${deadLetter.queue}</a>` : null}
            </summary>
            <dl>
              ${hop.ids.length > 1 ? html`<dt>Ids</dt><dd>${hop.ids.join(', ')}</dd>` : null}
              ${Object.entries(hop.attributes).map(([name, value]) => html`<dt>${name}</dt><dd>${String(value)}</dd>`)}
              <dt>Resource</dt><dd><code>${hop.resource}</code></dd>
            </dl>
            ${hop.logs ? html`<pre class="logs">${hop.logs.join('\n')}</pre>` : null}
            ${hop.payload ? html`<pre class="payload">${pretty(hop.payload)}</pre>` : null}
          </details>
          ${others.has(hop.id) ? html`<p class="muted other-items">${others.get(hop.id)} more from other items of this batch</p>` : null}
        </li>`;
      })}
    </ol>
  `;
}
