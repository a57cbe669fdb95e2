import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The start of the body: an OAuth token response is read from it, an API destination's answer is not. */
  body: string;
}

/** How long EventBridge waits for an API destination's answer before it counts the call as timed out. */
export const API_DESTINATION_TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 64 * 1024;

export class HttpTimeoutError extends Error {
  constructor(url: string, timeoutMs: number) {
    super(`No response from ${url} within ${timeoutMs / 1000} s`);
    this.name = 'HttpTimeoutError';
  }
}

/**
 * One HTTP(S) request in real time. The callers call loopback URLs only, so an https endpoint's certificate
 * (self-signed, typically) is not verified: no traffic leaves the machine.
 */
export function httpCall(request: HttpRequest, timeoutMs = API_DESTINATION_TIMEOUT_MS): Promise<HttpResponse> {
  const url = new URL(request.url);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = transport.request(
      url,
      {
        method: request.method,
        headers: { ...request.headers, ...(request.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(request.body)) } : {}) },
        ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept >= MAX_BODY_BYTES) return;
          chunks.push(chunk);
          kept += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.setTimeout(timeoutMs, () => outgoing.destroy(new HttpTimeoutError(request.url, timeoutMs)));
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
