import { html } from 'htm/preact';
import { useLiveJson } from '../api';
import { loading, outcome, problem, time } from '../components';

interface Reload {
  at: number;
  outcome: string;
  summary: string;
  detail?: string;
}

export function ReloadsPage(): unknown {
  const { data, error } = useLiveJson<Reload[]>('/reloads');
  if (!data) return html`<h1>Reloads</h1>${problem(error)}${error ? null : loading()}`;
  return html`<h1>Reloads</h1>
    <p class="muted">With <code>npm start -- --watch</code>, each change under services/ rebuilds the functions it affects, and each change to the CDK app or events/ applies the new template.</p>
    ${data.length === 0 ? html`<p>No reload yet.</p>` : html`<ol class="reloads">${[...data].reverse().map((reload) => html`<li class=${`outcome-${reload.outcome}`}>
      ${time(reload.at)} ${outcome(reload.outcome)} ${reload.summary}${reload.detail ? html`<pre>${reload.detail}</pre>` : null}</li>`)}</ol>`}`;
}
