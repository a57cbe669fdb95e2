import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { act, useLiveJson } from '../api';
import { link, loading, pretty, problem, time } from '../components';

interface BusInfo {
  name: string;
  arn: string;
  rules: Array<{ name: string; arn: string; state: string; pattern: unknown; targets: string[] }>;
  recentEvents: Array<{ id: string; name?: string; startedAt: number; payload?: string; ids: string[] }>;
}

export function BusPage({ name }: { name?: string }): unknown {
  const { data, error } = useLiveJson<BusInfo[]>('/buses');
  if (!data) return html`<h1>Event buses</h1>${problem(error)}${error ? null : loading()}`;
  const shown = name ? data.filter((bus) => bus.name === name) : data;
  return html`<h1>Event buses</h1>${shown.map((bus) => html`<${Bus} bus=${bus} />`)}`;
}

function Bus({ bus }: { bus: BusInfo }): unknown {
  const [source, setSource] = useState('');
  const [detailType, setDetailType] = useState('');
  const [detail, setDetail] = useState('{}');
  const [result, setResult] = useState<{ matched?: string[]; sent?: { eventId: string; traceSpan?: string; matchedRules: string[] }; error?: string }>({});
  const form = () => ({ source, detailType, detail });
  const check = async (): Promise<void> => {
    try {
      setResult({ matched: (await act<{ rules: string[] }>('POST', `/buses/${encodeURIComponent(bus.name)}/match`, form())).rules });
    } catch (failure) {
      setResult({ error: (failure as Error).message });
    }
  };
  const send = async (): Promise<void> => {
    try {
      setResult({ sent: await act('POST', `/buses/${encodeURIComponent(bus.name)}/events`, form()) });
    } catch (failure) {
      setResult({ error: (failure as Error).message });
    }
  };
  const field = (label: string, value: string, set: (value: string) => void, name: string) =>
    html`<label>${label}<input name=${name} value=${value} onInput=${(event: Event) => set((event.target as HTMLInputElement).value)} /></label>`;
  return html`<section class="bus" data-bus=${bus.name}>
    <h2>${bus.name}</h2>
    <h3>Rules</h3>
    <table class="list"><thead><tr><th>Rule</th><th>State</th><th>Pattern</th><th>Targets</th></tr></thead><tbody>
      ${bus.rules.map((rule) => html`<tr><td>${rule.name}</td><td>${rule.state}</td><td><pre>${pretty(rule.pattern ?? '')}</pre></td><td>${rule.targets.map((target) => html`<div><code>${target}</code></div>`)}</td></tr>`)}
    </tbody></table>
    <h3>Send an event</h3>
    <form class="event-form" onSubmit=${(event: Event) => event.preventDefault()}>
      ${field('Source', source, setSource, 'source')}
      ${field('Detail type', detailType, setDetailType, 'detailType')}
      <label>Detail (JSON)<textarea name="detail" rows="6" value=${detail} onInput=${(event: Event) => setDetail((event.target as HTMLTextAreaElement).value)}></textarea></label>
      <p><button type="button" onClick=${check}>Which rules match?</button> <button type="button" class="primary" onClick=${send}>Send</button></p>
    </form>
    ${problem(result.error)}
    ${result.matched ? html`<p class="match-result">${result.matched.length === 0 ? 'No rule matches this event.' : html`Matches: ${result.matched.map((rule) => html`<strong class="rule">${rule}</strong> `)}`}</p>` : null}
    ${result.sent ? html`<p class="send-result">Sent event <code>${result.sent.eventId}</code>; ${result.sent.matchedRules.length === 0 ? 'no rule matched.' : html`matched ${result.sent.matchedRules.map((rule) => html`<strong class="rule">${rule}</strong> `)}`}
      ${result.sent.traceSpan ? link(`#/traces/${result.sent.traceSpan}`, 'follow its trace') : null}</p>` : null}
    <h3>Recent events</h3>
    ${bus.recentEvents.length === 0 ? html`<p class="muted">None yet.</p>` : html`<table class="list"><thead><tr><th>Time</th><th>Event</th><th>Detail</th></tr></thead><tbody>
      ${bus.recentEvents.map((event) => html`<tr><td>${time(event.startedAt)}</td><td>${link(`#/traces/${event.id}`, event.ids[0] ?? event.id)}<br />${event.name}</td><td><pre>${pretty(event.payload ?? '')}</pre></td></tr>`)}
    </tbody></table>`}
  </section>`;
}
