import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { act, useLiveJson } from '../api';
import { duration, link, loading, outcome, pretty, problem, time } from '../components';

interface FunctionInfo {
  name: string;
  arn: string;
  runtime: string;
  handler: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  invocations: { ok: number; error: number; pending: number };
}

interface Invocation {
  id: string;
  outcome: string;
  startedAt: number;
  durationMs?: number;
  attributes: Record<string, string | number | boolean>;
  payload?: string;
  logs?: string[];
}

export function FunctionsPage({ name }: { name?: string }): unknown {
  const list = useLiveJson<FunctionInfo[]>('/functions');
  if (name) return html`<${FunctionPage} name=${name} />`;
  return html`<h1>Functions</h1>${problem(list.error)}
    ${!list.data ? loading() : html`<table class="list"><thead><tr><th>Function</th><th>Runtime</th><th>Memory</th><th>Timeout</th><th>Invocations</th><th>Failed</th></tr></thead><tbody>
      ${list.data.map((fn) => html`<tr><td>${link(`#/functions/${encodeURIComponent(fn.name)}`, fn.name)}</td><td>${fn.runtime}</td><td>${fn.memorySizeMb} MB</td>
        <td>${fn.timeoutSeconds} s</td><td>${fn.invocations.ok + fn.invocations.error + fn.invocations.pending}</td><td>${fn.invocations.error}</td></tr>`)}
    </tbody></table>`}`;
}

function FunctionPage({ name }: { name: string }): unknown {
  const { data, error } = useLiveJson<{ name: string; handler: string; runtime: string; codeDir: string; invocations: Invocation[] }>(`/functions/${encodeURIComponent(name)}`);
  const [event, setEvent] = useState('{}');
  const [result, setResult] = useState<{ payload?: unknown; error?: unknown; traceSpan?: string; failure?: string } | undefined>();
  const invoke = async (): Promise<void> => {
    try {
      JSON.parse(event);
    } catch {
      setResult({ failure: 'The event is not JSON' });
      return;
    }
    try {
      setResult(await act('POST', `/functions/${encodeURIComponent(name)}/invoke`, JSON.parse(event)));
    } catch (failure) {
      setResult({ failure: (failure as Error).message });
    }
  };
  if (!data) return html`<h1>${name}</h1>${problem(error)}${error ? null : loading()}`;
  return html`
    <h1>${name}</h1>
    <p class="muted">${data.runtime}, handler ${data.handler}, code in <code>${data.codeDir}</code></p>
    <h2>Invoke</h2>
    <form onSubmit=${(submit: Event) => {
      submit.preventDefault();
      void invoke();
    }}>
      <label>Event (JSON)<textarea name="event" rows="6" value=${event} onInput=${(input: Event) => setEvent((input.target as HTMLTextAreaElement).value)}></textarea></label>
      <p><button type="submit" class="primary">Invoke (RequestResponse)</button></p>
    </form>
    ${result?.failure ? problem(result.failure) : null}
    ${result && !result.failure ? html`<div class="invoke-result">${outcome(result.error ? 'error' : 'ok')}
      ${result.traceSpan ? link(`#/traces/${result.traceSpan}`, ' trace') : null}<pre>${pretty(result.error ?? result.payload ?? null)}</pre></div>` : null}
    <h2>Invocations</h2>
    ${data.invocations.length === 0 ? html`<p class="muted">None yet.</p>` : html`<ol class="invocations">
      ${data.invocations.map((invocation) => html`<li class=${`outcome-${invocation.outcome}`}><details>
        <summary>${time(invocation.startedAt)} ${outcome(invocation.outcome)} <span class="badge">${invocation.attributes.cold ? 'cold' : 'warm'}</span>
          ${duration(invocation.durationMs)} <code>${String(invocation.attributes.requestId ?? '')}</code> ${link(`#/traces/${invocation.id}`, 'trace')}</summary>
        ${invocation.payload ? html`<pre class="payload">${pretty(invocation.payload)}</pre>` : null}
        <pre class="logs">${(invocation.logs ?? ['(no output)']).join('\n')}</pre>
      </details></li>`)}
    </ol>`}
  `;
}
