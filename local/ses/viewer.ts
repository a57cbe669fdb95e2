import type { ServerResponse } from 'node:http';
import { pagePolicy, scriptNonce } from '../server/page-policy';
import type { LocalStackSesMessage } from './localstack-view';

export const VIEWER_PATH = '/_aws/ses/ui';

/**
 * The captured-mail page at /_aws/ses/ui, rendered on each request from what GET /_aws/ses lists: every message,
 * newest first, with its sender, recipients, subject, date, and text and HTML bodies. The HTML body is shown in an
 * iframe sandboxed with no permission at all: a captured email can neither run a script nor reach this endpoint
 * as the page's origin. A small script reloads the page when the list changes, and clears it on request; it runs
 * under the page's Content-Security-Policy by the response's nonce.
 */
export function renderViewerPage(messages: readonly LocalStackSesMessage[], nonce: string): string {
  const newestFirst = [...messages].sort((a, b) => b.Timestamp.localeCompare(a.Timestamp));
  const count = `${messages.length} message${messages.length === 1 ? '' : 's'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Captured mail (${count}) · users-fanout local runtime</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 1.5rem 2rem; color: #1f2328; }
  header { display: flex; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
  header p { margin: 0; color: #59636e; }
  article { border: 1px solid #d1d9e0; border-radius: 6px; margin: 1rem 0; padding: 0.75rem 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0 0 0.5rem; }
  dt { color: #59636e; }
  dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; background: #f6f8fa; padding: 0.75rem; border-radius: 6px; margin: 0.25rem 0; }
  iframe { width: 100%; height: 24rem; border: 1px solid #d1d9e0; border-radius: 6px; background: #fff; }
  summary { cursor: pointer; margin-top: 0.25rem; }
  code { background: #f6f8fa; padding: 0 0.25rem; border-radius: 4px; }
</style>
</head>
<body>
<header>
  <h1>Captured mail</h1>
  <p>${count}, captured by the local SES and never sent.</p>
  <button type="button" id="clear">Clear all</button>
</header>
<p>The same list as JSON: <a href="/_aws/ses"><code>GET /_aws/ses</code></a> (filter with <code>?id=&lt;message id&gt;</code>
or <code>?email=&lt;sender address&gt;</code>); <code>DELETE /_aws/ses</code> clears it. This page reloads when mail arrives.</p>
${newestFirst.length === 0 ? '<p>No mail yet. Insert a user (see the README) and it appears here.</p>' : newestFirst.map(renderMessage).join('\n')}
<script nonce="${nonce}">
  const shown = ${messages.length};
  document.getElementById('clear').addEventListener('click', async () => {
    await fetch('/_aws/ses', { method: 'DELETE' });
    location.reload();
  });
  setInterval(async () => {
    const response = await fetch('/_aws/ses').catch(() => undefined);
    if (response && response.ok && (await response.json()).messages.length !== shown) location.reload();
  }, 2000);
</script>
</body>
</html>
`;
}

function renderMessage(message: LocalStackSesMessage): string {
  const { ToAddresses, CcAddresses = [], BccAddresses = [] } = message.Destination;
  const rows: Array<[string, string]> = [
    ['From', message.Source],
    ['To', ToAddresses.join(', ')],
    ...(CcAddresses.length > 0 ? [['Cc', CcAddresses.join(', ')] as [string, string]] : []),
    ...(BccAddresses.length > 0 ? [['Bcc', BccAddresses.join(', ')] as [string, string]] : []),
    ['Subject', message.Subject],
    ['Date', message.Timestamp],
    ['Message id', `${message.Id} (${message.Region})`],
  ];
  const { text_part: text, html_part: html } = message.Body;
  return `<article>
<dl>
${rows.map(([label, value]) => `  <dt>${label}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}
</dl>
${html === null ? '' : `<iframe sandbox="" srcdoc="${escapeHtml(html)}" title="HTML body of ${escapeHtml(message.Id)}"></iframe>`}
${text === null ? '' : html === null ? `<pre>${escapeHtml(text)}</pre>` : `<details><summary>Text body</summary><pre>${escapeHtml(text)}</pre></details>`}
</article>`;
}

/** Text as HTML content or as a double- or single-quoted attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Renders and sends the page, with its policy and the nonce its script runs by. */
export function sendViewerPage(response: ServerResponse, messages: readonly LocalStackSesMessage[]): void {
  const nonce = scriptNonce();
  const page = renderViewerPage(messages, nonce);
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(page),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': pagePolicy(nonce),
  });
  response.end(page);
}
