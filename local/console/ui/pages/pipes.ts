import { html } from 'htm/preact';
import { useLiveJson } from '../api';
import { duration, link, loading, outcome, problem, shortName, time } from '../components';

interface Batch {
  id: string;
  outcome: string;
  startedAt: number;
  durationMs?: number;
  attributes: Record<string, string | number | boolean>;
  logs?: string[];
}

interface PipeInfo {
  name: string;
  arn: string;
  state: string;
  source: { streamArn: string; batchSize: number; maximumBatchingWindowSeconds: number; deadLetterArn?: string };
  filters: string[];
  enrichment?: string;
  target: { kind: string; busArn?: string; queueArn?: string; functionArn?: string };
  settledThrough?: string;
  counts: Record<string, { ok: number; error: number; pending: number; dropped: number }>;
  batches: Batch[];
  failures: Batch[];
}

function batchRow(batch: Batch): unknown {
  return html`<li class=${`outcome-${batch.outcome}`}>${time(batch.startedAt)} ${outcome(batch.outcome)} ${batch.attributes.records} records, ${duration(batch.durationMs)}
    ${link(`#/traces/${batch.id}`, 'trace')}${batch.logs ? html`<pre class="logs">${batch.logs.join('\n')}</pre>` : null}</li>`;
}

export function PipesPage(): unknown {
  const { data, error } = useLiveJson<PipeInfo[]>('/pipes');
  if (!data) return html`<h1>Pipes</h1>${problem(error)}${error ? null : loading()}`;
  return html`<h1>Pipes</h1>${data.map((pipe) => {
    const target = pipe.target.busArn ?? pipe.target.queueArn ?? pipe.target.functionArn ?? '';
    const batches = pipe.counts['pipe.batch'] ?? { ok: 0, error: 0, pending: 0, dropped: 0 };
    return html`<section class="pipe" data-pipe=${pipe.name}>
      <h2>${pipe.name} <span class="badge">${pipe.state}</span></h2>
      <dl>
        <dt>Source</dt><dd>${shortName(pipe.source.streamArn)} (batches of up to ${pipe.source.batchSize}, window ${pipe.source.maximumBatchingWindowSeconds} s)</dd>
        <dt>Filters</dt><dd>${pipe.filters.length === 0 ? 'none' : pipe.filters.map((filter) => html`<code>${filter}</code> `)}</dd>
        <dt>Enrichment</dt><dd>${pipe.enrichment ? shortName(pipe.enrichment) : 'none'}</dd>
        <dt>Target</dt><dd>${pipe.target.kind} ${shortName(target)}</dd>
        <dt>Dead letters</dt><dd>${pipe.source.deadLetterArn ? shortName(pipe.source.deadLetterArn) : 'none'}</dd>
        <dt>Settled through</dt><dd>${pipe.settledThrough ?? 'nothing yet'}</dd>
        <dt>Batches</dt><dd>${batches.ok} delivered, ${batches.error} failed, ${batches.pending} in flight; ${pipe.counts['pipe.filter']?.dropped ?? 0} records filtered out</dd>
      </dl>
      <h3>Failures</h3>${pipe.failures.length === 0 ? html`<p class="muted">None kept.</p>` : html`<ul class="batches">${pipe.failures.map(batchRow)}</ul>`}
      <h3>Recent batches</h3>${pipe.batches.length === 0 ? html`<p class="muted">None yet.</p>` : html`<ul class="batches">${pipe.batches.map(batchRow)}</ul>`}
    </section>`;
  })}`;
}
