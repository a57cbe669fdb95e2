import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { act, useLiveJson } from '../api';
import { link, loading, pretty, problem, time } from '../components';

interface QueueInfo {
  name: string;
  arn: string;
  counts: { visible: number; inFlight: number; delayed: number };
  deadLetterQueue: boolean;
}

interface QueueDetail extends QueueInfo {
  messages: Array<{ messageId: string; body: string; sentTimestamp: number; receiveCount: number; state: string; traceSpan?: string; messageAttributes?: Record<string, { StringValue?: string }> }>;
}

export function QueuesPage({ name, highlight }: { name?: string; highlight?: string }): unknown {
  const list = useLiveJson<QueueInfo[]>('/queues');
  if (name) return html`<${QueuePage} name=${name} highlight=${highlight} />`;
  return html`<h1>Queues</h1>${problem(list.error)}
    ${!list.data ? loading() : html`<table class="list"><thead><tr><th>Queue</th><th>Visible</th><th>In flight</th><th>Delayed</th><th></th></tr></thead><tbody>
      ${list.data.map((queue) => html`<tr><td>${link(`#/queues/${encodeURIComponent(queue.name)}`, queue.name)}</td>
        <td>${queue.counts.visible}</td><td>${queue.counts.inFlight}</td><td>${queue.counts.delayed}</td><td>${queue.deadLetterQueue ? 'dead-letter queue' : ''}</td></tr>`)}
    </tbody></table>`}`;
}

function QueuePage({ name, highlight }: { name: string; highlight?: string }): unknown {
  const { data, error, reload } = useLiveJson<QueueDetail>(`/queues/${encodeURIComponent(name)}`);
  const overview = useLiveJson<{ redrive: boolean }>('/overview');
  const [redrive, setRedrive] = useState<{ running: boolean; exitCode?: number; output?: string; error?: string }>({ running: false });
  const start = async (): Promise<void> => {
    setRedrive({ running: true });
    try {
      const result = await act<{ exitCode: number; output: string }>('POST', `/queues/${encodeURIComponent(name)}/redrive`);
      setRedrive({ running: false, ...result });
    } catch (failure) {
      setRedrive({ running: false, error: (failure as Error).message });
    }
    reload();
  };
  if (!data) return html`<h1>${name}</h1>${problem(error)}${error ? null : loading()}`;
  return html`
    <h1>${name}</h1>
    <p><strong>${data.counts.visible}</strong> visible, <strong>${data.counts.inFlight}</strong> in flight, <strong>${data.counts.delayed}</strong> delayed.</p>
    ${data.deadLetterQueue && overview.data?.redrive ? html`<p>
      <button class="primary" disabled=${redrive.running || data.counts.visible === 0} onClick=${start}>${redrive.running ? 'Redriving…' : 'Redrive every message'}</button>
      <span class="muted"> sends each message back along its path, as npm run dlq -- redrive does.</span></p>` : null}
    ${problem(redrive.error)}
    ${redrive.output !== undefined ? html`<pre class=${`redrive-output ${redrive.exitCode === 0 ? '' : 'failed'}`}>${redrive.output}</pre>` : null}
    <table class="list messages"><thead><tr><th>Message</th><th>Sent</th><th>State</th><th>Receives</th><th>Body</th></tr></thead><tbody>
      ${data.messages.map((message) => html`<tr class=${message.messageId === highlight ? 'highlight' : ''} data-message=${message.messageId}>
        <td><code>${message.messageId}</code>${message.traceSpan ? html`<br />${link(`#/traces/${message.traceSpan}`, 'trace')}` : null}</td>
        <td>${time(message.sentTimestamp)}</td><td>${message.state}</td><td>${message.receiveCount}</td>
        <td><pre>${pretty(message.body)}</pre>${message.messageAttributes ? html`<pre class="muted">${Object.entries(message.messageAttributes).map(([key, value]) => `${key}: ${value.StringValue ?? ''}`).join('\n')}</pre>` : null}</td>
      </tr>`)}
    </tbody></table>
    ${data.messages.length === 0 ? html`<p>No message.</p>` : null}
  `;
}
