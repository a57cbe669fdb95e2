import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError, unknownOperationError } from '../protocol/aws-error';
import { JSON_CONTENT_TYPES, parseJsonBody, sendJson, sendJsonError } from '../protocol/json-protocol';
import { sendQueryError } from '../protocol/query-protocol';
import { CALLER_WITHOUT_IAM, type RequestCaller } from '../protocol/authorization';
import type { RequestContext } from '../protocol/service';
import { credentialScope, signingCredentials, type SigningCredentials } from '../protocol/sigv4';
import { traceParentOf } from '../trace';
import { readRequestBody, RequestAbortedError } from './request-body';
import { DEFAULT_CONTENT_SECURITY_POLICY, guardRequest, refusedPage, type GuardSettings } from './request-guard';
import { ServiceRegistry, type ServiceHandler } from './service-registry';

export interface EndpointOptions {
  /** 0 picks a free port, as tests do. */
  port: number;
  /** Only the loopback address is accepted: the runtime is never reachable from another machine. */
  host?: string;
  /** The region for requests whose signature does not name one. */
  region: string;
  account: string;
}

export interface Endpoint {
  /** For example http://127.0.0.1:4566. */
  readonly url: string;
  readonly port: number;
  /** Drawn per process: the console's pages send it with their actions (see request-guard.ts). */
  readonly token: string;
  /** Adds a service; handlers are mounted after listening so they can be built knowing the URL. */
  mount(handler: ServiceHandler): void;
  /**
   * Who signed each request, as local IAM tells it from the request's credentials. Set before services are mounted;
   * an endpoint without it (a test of one service alone) lets every caller do anything.
   */
  identifyCallers(identify: CallerIdentification): void;
  close(): Promise<void>;
}

/** Maps a request's credentials and client address to its caller. */
export type CallerIdentification = (credentials: SigningCredentials, sourceIp: string) => RequestCaller;

export const LOOPBACK_HOST = '127.0.0.1';
const DEFAULT_JSON_CONTENT_TYPE = JSON_CONTENT_TYPES[0];
/** Longer than the SDK's idle socket timeout, so clients, not the server, close idle keep-alive sockets. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Starts the one HTTP endpoint every emulated service is served on. */
export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
  const host = options.host ?? LOOPBACK_HOST;
  if (host !== LOOPBACK_HOST) {
    throw new Error(`The local endpoint binds ${LOOPBACK_HOST} only; refusing host "${host}"`);
  }
  const registry = new ServiceRegistry();
  const server = http.createServer({ keepAlive: true, keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.on('clientError', answerMalformedRequest);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  const token = randomBytes(16).toString('hex');
  const callers: { identify: CallerIdentification } = { identify: () => CALLER_WITHOUT_IAM };
  const dispatch = createDispatcher(registry, { region: options.region, account: options.account, endpoint: url }, { port, token }, callers);
  server.on('request', dispatch);

  return {
    url,
    port,
    token,
    mount: (handler) => registry.mount(handler),
    identifyCallers: (identify) => {
      callers.identify = identify;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

type EndpointScope = Omit<RequestContext, 'caller'>;

/**
 * A request Node's parser refuses (a bad request line, a header without a colon, a bad Content-Length or chunk,
 * headers over the limit) gets an answer that says what was wrong before the connection closes, rather than a
 * bare reset. A client that went away gets nothing, and nothing is logged: there is no one to answer.
 */
function answerMalformedRequest(error: NodeJS.ErrnoException, socket: import('node:stream').Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    __type: tooLarge ? 'RequestHeaderFieldsTooLarge' : 'MalformedHttpRequest',
    message: `The request is not well-formed HTTP/1.1 (${error.code ?? 'parse error'}: ${error.message})`,
  });
  // The same policy as every other answer: a malformed request is answered before the Host check can run, so
  // its answer must be as inert as a refused one.
  const headers = [
    `Content-Type: application/json`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Content-Security-Policy: ${DEFAULT_CONTENT_SECURITY_POLICY}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
  ];
  socket.end(`HTTP/1.1 ${status}\r\n${headers.join('\r\n')}\r\n\r\n${body}`);
}

function createDispatcher(registry: ServiceRegistry, defaults: EndpointScope, guard: GuardSettings, callers: { identify: CallerIdentification }) {
  return (request: http.IncomingMessage, response: http.ServerResponse): void => {
    const requestId = randomUUID();
    response.setHeader('x-amzn-RequestId', requestId);
    response.setHeader('Content-Security-Policy', DEFAULT_CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    route(registry, defaults, guard, callers, request, response).catch((error: unknown) => fail(request, response, requestId, error));
  };
}

async function route(
  registry: ServiceRegistry,
  defaults: EndpointScope,
  guard: GuardSettings,
  callers: { identify: CallerIdentification },
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const rawUrl = request.url ?? '/';
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart);
  try {
    guardRequest({ method: request.method ?? 'GET', path, headers: request.headers }, guard);
  } catch (error) {
    request.resume();
    if (error instanceof AwsError && refusedPage(request.headers, response, error)) return;
    throw error;
  }
  if (path === '/_health' && request.method === 'GET') {
    request.resume();
    sendJson(response, 200, { status: 'running', services: registry.mounted() }, 'application/json');
    return;
  }

  if (registry.isEmpty) {
    // Listening comes before mounting (services need the URL); a retryable 503 keeps early clients from a false 400.
    request.resume();
    throw new AwsError('ServiceUnavailable', 'The local endpoint is starting; retry shortly', 503);
  }

  const body = await readRequestBody(request);
  const scope = credentialScope(request.headers, rawUrl);
  // Only a request the guard let through is identified: local IAM never sees a refused Host or Origin.
  const caller = callers.identify(signingCredentials(request.headers, rawUrl), clientAddress(request));
  const traceParent = traceParentOf(request.headers);
  const context: RequestContext = { ...defaults, ...(scope ? { region: scope.region } : {}), ...(traceParent ? { traceParent } : {}), caller };

  // X-Amz-Target first: a JSON-protocol request names its operation whatever its path (SQS's may be a queue URL).
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return answerJson(registry, target, request, body, response, context);

  const byPath = registry.httpHandlerForPath(path);
  if (byPath) return byPath.handle(request, body, response, context);

  const bySigningName = scope && registry.httpHandlerForSigningName(scope.service);
  if (bySigningName) return bySigningName.handle(request, body, response, context);

  const service = scope ? `signed for "${scope.service}"` : 'unsigned';
  throw new AwsError('UnknownOperationException', `No service on this endpoint answers ${request.method} ${path} (${service})`, 404);
}

async function answerJson(
  registry: ServiceRegistry,
  target: string,
  request: http.IncomingMessage,
  body: Buffer,
  response: http.ServerResponse,
  context: RequestContext,
): Promise<void> {
  const contentType = jsonContentType(request);
  const dot = target.lastIndexOf('.');
  const handler = dot > 0 ? registry.jsonHandler(target.slice(0, dot)) : undefined;
  if (!handler) {
    sendJsonError(response, unknownOperationError(target), contentType);
    return;
  }
  try {
    const input = parseJsonBody(body);
    const output = await handler.handle(target.slice(dot + 1), input, context);
    sendJson(response, 200, output, contentType);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    sendJsonError(response, error, contentType);
  }
}

/** The client's address as IAM's `aws:SourceIp` gives it: IPv4-mapped IPv6 addresses in their IPv4 form. */
function clientAddress(request: http.IncomingMessage): string {
  const address = request.socket.remoteAddress ?? LOOPBACK_HOST;
  return address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
}

function jsonContentType(request: http.IncomingMessage): string {
  const declared = request.headers['content-type']?.split(';')[0].trim();
  return (JSON_CONTENT_TYPES as readonly string[]).includes(declared ?? '') ? (declared as string) : DEFAULT_JSON_CONTENT_TYPE;
}

/** The last line of defence: an AWS-shaped answer for anything a handler did not handle, and the server keeps running. */
function fail(request: http.IncomingMessage, response: http.ServerResponse, requestId: string, error: unknown): void {
  // The client went away while sending its body: no one is left to answer, and nothing failed on this side.
  if (error instanceof RequestAbortedError) {
    response.destroy();
    return;
  }
  const awsError =
    error instanceof AwsError
      ? error
      : new AwsError('InternalFailure', `The request processing has failed because of an unknown error (request ${requestId})`, 500);
  if (!(error instanceof AwsError)) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`[endpoint] InternalFailure for ${request.method} ${request.url} (request ${requestId}): ${detail}`);
  }
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (isFormEncoded(request)) sendQueryError(response, awsError, requestId);
  else sendJsonError(response, awsError, jsonContentType(request));
}

function isFormEncoded(request: http.IncomingMessage): boolean {
  return request.headers['content-type']?.startsWith('application/x-www-form-urlencoded') === true;
}
