import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';

/**
 * What the endpoint refuses, now that a browser talks to it (the console, the mail viewer):
 *
 * - A `Host` that does not name the loopback with the endpoint's port (`127.0.0.1:<port>`, `localhost:<port>`,
 *   `[::1]:<port>`): a page elsewhere could otherwise rebind its own DNS name to 127.0.0.1 and read the console
 *   as its own origin (DNS rebinding). SDKs and the AWS CLI send the host of the endpoint URL they were given.
 * - An `Origin` other than the endpoint's own, on any request: browsers send it on every cross-origin request
 *   that is not a plain GET, so a page elsewhere can post no form to SQS's or SES's query APIs either.
 * - A state-changing console, `/_aws/*` or `/_local/*` action (clear mail, invoke, redrive, send, run a scheduled
 *   rule, sweep TTL) by any method but POST or DELETE, or from a browser without our origin or the console's
 *   per-process token: a request that carries an `Origin` or a `Sec-Fetch-Site` comes from a browser, and must
 *   show our origin or the token (the console's pages send both, so an extension that strips Origin does not lock
 *   them out). A request with neither header comes from a program (curl, an SDK, `npm run dlq`), never from a web
 *   page. AWS API calls (SQS's and SNS's query protocol included: form posts to `/` or to a queue URL) are not
 *   actions here: SDKs and the CLI send no Origin, so only the Host and Origin checks apply to them.
 *
 * A request Node's HTTP parser refuses never gets this far: the endpoint answers it as malformed, before there are
 * headers to check (see answerMalformedRequest in endpoint.ts).
 */
export interface GuardSettings {
  /** The endpoint's port: the only port a `Host` or `Origin` may name. */
  port: number;
  /** The per-process token the console's pages send in CONSOLE_TOKEN_HEADER. */
  token: string;
}

export const CONSOLE_TOKEN_HEADER = 'x-local-console-token';
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
/** Paths whose non-GET requests change the runtime's state outside any AWS API (`/_local/`: run a schedule, sweep TTL). */
const ACTION_PATHS = ['/_console', '/_aws/', '/_local/'];
const SAFE_METHODS = new Set(['GET', 'HEAD']);
const ACTION_METHODS = new Set(['POST', 'DELETE']);

export interface RequestFacts {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** Throws the AwsError the endpoint answers with when the request is refused; returns when it may go on. */
export function guardRequest(request: RequestFacts, settings: GuardSettings): void {
  const allowedHosts = LOOPBACK_NAMES.map((name) => `${name}:${settings.port}`);
  const host = request.headers.host?.toLowerCase();
  if (host === undefined || !allowedHosts.includes(host)) {
    throw new AwsError(
      'ForbiddenHost',
      `The local endpoint answers only requests for ${allowedHosts.join(', ')}; Host ${JSON.stringify(request.headers.host ?? '')} is refused`,
      403,
    );
  }
  const origin = single(request.headers.origin);
  const sameOrigin = origin !== undefined && allowedHosts.some((allowed) => origin === `http://${allowed}`);
  if (origin !== undefined && !sameOrigin) {
    throw new AwsError('ForbiddenOrigin', `Requests from ${origin} are refused: only pages served by this endpoint may call it`, 403);
  }
  if (SAFE_METHODS.has(request.method) || !ACTION_PATHS.some((prefix) => request.path.startsWith(prefix))) return;
  if (!ACTION_METHODS.has(request.method)) {
    throw new AwsError('MethodNotAllowed', `${request.method} ${request.path} is refused: actions take POST or DELETE`, 405);
  }
  const site = single(request.headers['sec-fetch-site']);
  const fromBrowser = origin !== undefined || site !== undefined;
  const tokenGiven = single(request.headers[CONSOLE_TOKEN_HEADER]) === settings.token;
  if (fromBrowser && !sameOrigin && !tokenGiven) {
    throw new AwsError(
      'ForbiddenOrigin',
      `${request.method} ${request.path} is refused: a browser's action must come from this endpoint's pages (its Origin) or carry the console's token`,
      403,
    );
  }
}

/**
 * A browser that navigates to a refused URL (a LAN name for the machine, say) is shown why as text; an AWS-shaped
 * JSON answer would only be offered as a download. Programs get the AWS-shaped error as before.
 */
export function refusedPage(headers: IncomingHttpHeaders, response: ServerResponse, error: AwsError): boolean {
  if (!single(headers.accept)?.includes('text/html')) return false;
  const text = `${error.statusCode} ${error.code}: ${error.message}\n`;
  response.writeHead(error.statusCode, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
  return true;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Every response is served with a policy that allows nothing; a page replaces it with its own (the console's,
 * the mail viewer's). A JSON answer opened in a tab, or anything a package serves, can then run nothing.
 */
export const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
