import * as fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import * as path from 'node:path';

export const VIEWER_PATH = '/_aws/ses/ui';

/**
 * aws-ses-v2-local's web page, served under the endpoint's /_aws/ses/ui: its absolute links to its own API
 * (/store, /clear-store, /get-emlContent) are moved under the same prefix, where the embedded app answers them.
 */
export function viewerPage(): string {
  const file = path.join(path.dirname(require.resolve('aws-ses-v2-local/package.json')), 'static', 'index.html');
  return fs.readFileSync(file, 'utf8').replace(/(["'`])\/(store|clear-store|get-emlContent)\b/g, `$1${VIEWER_PATH}/$2`);
}

export function sendViewerPage(response: ServerResponse, page: string): void {
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(page) });
  response.end(page);
}
