import type { ServerResponse } from 'node:http';
import type { AwsError } from './aws-error';

/** SQS's query namespace, which this module's error documents carry unless a service names its own. */
const SQS_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => XML_ENTITIES[char]);
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** One XML element holding `content`, which the caller has already escaped or built from elements. */
export function element(name: string, content: string): string {
  return `<${name}>${content}</${name}>`;
}

/** The `<ErrorResponse>` document query-protocol services (SQS, SNS, SES v1) send; 4xx codes are `Sender` faults. */
export function queryErrorXml(error: AwsError, requestId: string, namespace = SQS_NAMESPACE, code = error.code): string {
  const type = error.statusCode >= 500 ? 'Receiver' : 'Sender';
  return (
    `<?xml version="1.0"?><ErrorResponse xmlns="${namespace}">` +
    `<Error><Type>${type}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(error.message)}</Message><Detail/></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}

export function sendQueryError(response: ServerResponse, error: AwsError, requestId: string, namespace?: string, code?: string): void {
  sendXml(response, error.statusCode, queryErrorXml(error, requestId, namespace, code), requestId);
}

/** `<ActionResponse>` with the action's `<ActionResult>` (when it has one) and the request id. */
export function queryResponseXml(action: string, namespace: string, result: string | undefined, requestId: string): string {
  return (
    `<?xml version="1.0"?><${action}Response xmlns="${namespace}">` +
    (result === undefined ? '' : element(`${action}Result`, result)) +
    element('ResponseMetadata', element('RequestId', escapeXml(requestId))) +
    `</${action}Response>`
  );
}

export function sendXml(response: ServerResponse, statusCode: number, text: string, requestId: string): void {
  response.writeHead(statusCode, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': requestId });
  response.end(text);
}

/** The parameters of a query-protocol request: the URL's query string, then the form body, by name as sent. */
export function queryParameters(url: string | undefined, body: Buffer): Record<string, string> {
  const query = new URL(url ?? '/', 'http://local').searchParams;
  return { ...Object.fromEntries(query), ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
}

/**
 * Nests flattened query parameters: `Entries.member.1.Id=a` becomes `{ Entries: { member: [{ Id: 'a' }] } }`.
 * Dotted names become objects and numeric parts 1-based list positions; each service then maps its own wire
 * shapes (`member` lists, `entry` maps, flattened lists) onto the members its operations read.
 */
export function nestParameters(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(flat)) {
    const parts = name.split('.');
    let node: Record<string, unknown> = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        node[part] = value;
        return;
      }
      const child = node[part];
      node = child !== null && typeof child === 'object' ? (child as Record<string, unknown>) : (node[part] = {});
    });
  }
  return listsFromNumericKeys(root) as Record<string, unknown>;
}

/** An object whose keys are all positive integers becomes the list of its values in key order. */
function listsFromNumericKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, child]) => [key, listsFromNumericKeys(child)] as const);
  if (entries.length > 0 && entries.every(([key]) => /^[1-9]\d*$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, child]) => child);
  }
  return Object.fromEntries(entries);
}
