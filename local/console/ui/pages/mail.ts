import { html } from 'htm/preact';
import { act, useLiveJson } from '../api';
import { loading, problem } from '../components';

interface Mail {
  Id: string;
  Source: string;
  Destination: { ToAddresses: string[]; CcAddresses?: string[] };
  Subject: string;
  Body: { text_part: string | null; html_part: string | null };
  Timestamp: string;
}

export function MailPage(): unknown {
  const { data, error, reload } = useLiveJson<Mail[]>('/mail');
  const clear = async (): Promise<void> => {
    await act('DELETE', '/mail');
    reload();
  };
  if (!data) return html`<h1>Mail</h1>${problem(error)}${error ? null : loading()}`;
  const newest = [...data].sort((a, b) => b.Timestamp.localeCompare(a.Timestamp));
  return html`
    <h1>Mail</h1>
    <p>${data.length} captured by the local SES, never sent. <button onClick=${clear}>Clear all</button></p>
    ${newest.map((mail) => html`<article class="mail" data-mail=${mail.Id}>
      <dl>
        <dt>From</dt><dd>${mail.Source}</dd>
        <dt>To</dt><dd>${mail.Destination.ToAddresses.join(', ')}</dd>
        <dt>Subject</dt><dd>${mail.Subject}</dd>
        <dt>Date</dt><dd>${mail.Timestamp}</dd>
        <dt>Message id</dt><dd><code>${mail.Id}</code></dd>
      </dl>
      ${mail.Body.html_part !== null ? html`<iframe sandbox="" srcdoc=${mail.Body.html_part} title=${`HTML body of ${mail.Id}`}></iframe>` : null}
      ${mail.Body.text_part !== null ? html`<details><summary>Text body</summary><pre>${mail.Body.text_part}</pre></details>` : null}
    </article>`)}
  `;
}
