import { createHash, createHmac } from 'node:crypto';

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/**
 * Signature Version 4 headers for a raw request, as an AWS client would send them: enough for a test to post a
 * hand-made form or query string that the endpoint routes by its signing scope.
 */
export function sigV4Headers(request: { method: string; url: string; body: string; service: string; region: string; headers?: Record<string, string> }, at = new Date()): Record<string, string> {
  const url = new URL(request.url);
  const amzDate = at.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = { host: url.host, 'x-amz-date': amzDate, ...lowerKeys(request.headers ?? {}) };
  const signedNames = Object.keys(headers).sort();
  const query = [...url.searchParams].map(([key, value]) => `${encode(key)}=${encode(value)}`).sort().join('&');
  const canonical = [request.method, url.pathname, query, ...signedNames.map((name) => `${name}:${headers[name].trim()}`), '', signedNames.join(';'), sha256(request.body)].join('\n');
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const key = hmac(hmac(hmac(hmac('AWS4local', day), request.region), request.service), 'aws4_request');
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return { ...headers, authorization: `AWS4-HMAC-SHA256 Credential=local/${scope}, SignedHeaders=${signedNames.join(';')}, Signature=${signature}` };
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
