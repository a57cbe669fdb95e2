import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenerOptions {
  port: number;
  /** The status every request is answered with: 200, or an error to watch EventBridge retry and dead-letter. */
  status: number;
  /** One line per request received. */
  print(line: string): void;
}

/**
 * A webhook endpoint for trying a webhook subscriber locally: it answers every request and prints one line for
 * each, naming the event it carried, but never its data (an email address stays out of the terminal).
 */
export async function startListener(options: ListenerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      options.print(describeRequest(request, Buffer.concat(chunks).toString('utf8')));
      response.writeHead(options.status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ received: true }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `POST /crm-hook x-api-key (9 characters) UserCreated event e-1 user u-102`: what arrived, without its data. */
export function describeRequest(request: http.IncomingMessage, body: string): string {
  const parts = [`${request.method} ${request.url}`];
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string') parts.push(`x-api-key (${apiKey.length} characters)`);
  if (typeof request.headers.authorization === 'string') parts.push(`authorization ${request.headers.authorization.split(' ')[0]}`);
  parts.push(describeBody(body));
  return parts.join('  ');
}

function describeBody(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return `${Buffer.byteLength(body)} bytes of text`;
  }
  const event = parsed as { 'detail-type'?: unknown; detail?: { metadata?: { eventId?: unknown }; data?: { userId?: unknown } } };
  if (typeof event['detail-type'] !== 'string') return `JSON with ${Object.keys(parsed ?? {}).join(', ') || 'no fields'}`;
  const eventId = event.detail?.metadata?.eventId;
  const userId = event.detail?.data?.userId;
  return [event['detail-type'], typeof eventId === 'string' ? `event ${eventId}` : '', typeof userId === 'string' ? `user ${userId}` : ''].filter(Boolean).join(' ');
}
