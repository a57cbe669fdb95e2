import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { dispatch } from '../protocol/operations';
import { sendQueryError } from '../protocol/query-protocol';
import type { HttpServiceHandler, RequestContext } from '../protocol/service';
import type { CapturedMail } from './captured-mail';
import type { EmbeddedSesApp } from './embedded-app';
import type { EngineReply } from './engine';
import { SES_V1_AUTHORIZATION, SES_V2_AUTHORIZATION } from './authorization';
import { accessDeniedV1, accessDeniedV2, bodyNotJson, invalidAction, unknownV2Route } from './errors';
import { localStackMessages } from './localstack-view';
import { SES_V1_OPERATIONS, SES_V2_OPERATIONS } from './operations';
import type { SesState } from './state';
import { VIEWER_PATH, sendViewerPage } from './viewer';

export const INSPECTION_PATH = '/_aws/ses';

/** The mail viewer, which is no AWS operation: aws-ses-v2-local's page and the engine's web app behind it. */
export interface SesViewer {
  /** The engine's own web app, which serves the page's API; made when the page first asks. */
  app(): Promise<EmbeddedSesApp>;
}

/** One REST route of SES v2: its operation, and the path members it carries (such as `{TemplateName}`). */
interface V2Route {
  method: string;
  path: RegExp;
  operation: keyof typeof SES_V2_OPERATIONS;
  pathMembers?: readonly string[];
}

const V2_ROUTES: readonly V2Route[] = [
  { method: 'POST', path: /^\/v2\/email\/outbound-emails\/?$/, operation: 'SendEmail' },
  { method: 'POST', path: /^\/v2\/email\/outbound-bulk-emails\/?$/, operation: 'SendBulkEmail' },
  { method: 'GET', path: /^\/v2\/email\/templates\/?$/, operation: 'ListEmailTemplates' },
  { method: 'POST', path: /^\/v2\/email\/templates\/?$/, operation: 'CreateEmailTemplate' },
  { method: 'POST', path: /^\/v2\/email\/templates\/([^/]+)\/render\/?$/, operation: 'TestRenderEmailTemplate', pathMembers: ['TemplateName'] },
  { method: 'GET', path: /^\/v2\/email\/templates\/([^/]+)\/?$/, operation: 'GetEmailTemplate', pathMembers: ['TemplateName'] },
  { method: 'PUT', path: /^\/v2\/email\/templates\/([^/]+)\/?$/, operation: 'UpdateEmailTemplate', pathMembers: ['TemplateName'] },
  { method: 'DELETE', path: /^\/v2\/email\/templates\/([^/]+)\/?$/, operation: 'DeleteEmailTemplate', pathMembers: ['TemplateName'] },
  { method: 'GET', path: /^\/v2\/email\/account\/?$/, operation: 'GetAccount' },
];

/**
 * SES v1 (query) and v2 (REST-JSON) by signing name `ses`: each request becomes an operation and its members,
 * and the action's answer is written back. LocalStack's inspection API and the viewer page are served by path.
 */
export function createHandler(state: SesState, viewer: SesViewer): HttpServiceHandler {
  return {
    signingNames: ['ses'],
    pathPrefixes: [INSPECTION_PATH],
    async handle(request, body, response, context) {
      const url = new URL(request.url ?? '/', 'http://local');
      const path = url.pathname;
      if (path === VIEWER_PATH || path === `${VIEWER_PATH}/`) {
        return sendViewerPage(response, localStackMessages(state.captured.list(), {}).messages);
      }
      // aws-ses-v2-local's own API (`/store?since=<epoch seconds>`, which the benchmark polls), under the page's path.
      if (path.startsWith(`${VIEWER_PATH}/`)) {
        await (await viewer.app()).handle(request, undefined, response, path.slice(VIEWER_PATH.length) + url.search);
        state.captured.collectNew(context);
        return;
      }
      if (path === INSPECTION_PATH || path === `${INSPECTION_PATH}/`) return inspect(state.captured, request, url, response);
      if (path.startsWith('/v2/')) return answerV2(state, request, body, response, context, url);
      return answerV1(state, body, response, context);
    },
  };
}

function inspect(captured: CapturedMail, request: IncomingMessage, url: URL, response: ServerResponse): void {
  if (request.method === 'DELETE') {
    captured.clear();
    response.writeHead(204).end();
    return;
  }
  if (request.method !== 'GET') {
    writeJson(response, 405, { __type: 'MethodNotAllowed', message: `${request.method} is not allowed on ${INSPECTION_PATH}; use GET or DELETE` });
    return;
  }
  const filter = { id: url.searchParams.get('id') ?? undefined, email: url.searchParams.get('email') ?? undefined };
  writeJson(response, 200, localStackMessages(captured.list(), filter));
}

/** The query protocol: the form body's `Action` names the operation, and its fields are the members. */
async function answerV1(state: SesState, body: Buffer, response: ServerResponse, context: RequestContext): Promise<void> {
  const parameters = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  try {
    const service = {
      operations: SES_V1_OPERATIONS,
      authorization: SES_V1_AUTHORIZATION,
      state,
      unknownOperation: () => invalidAction(parameters.Action),
      accessDenied: accessDeniedV1,
    };
    const reply = await dispatch(service, parameters.Action ?? '', parameters, context);
    writeReply(response, reply as EngineReply);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    sendQueryError(response, error, requestIdOf(response));
  }
}

/** REST-JSON: the method and path name the operation; the members are the JSON body's, the path's and the query's. */
async function answerV2(state: SesState, request: IncomingMessage, body: Buffer, response: ServerResponse, context: RequestContext, url: URL): Promise<void> {
  const method = request.method ?? 'GET';
  try {
    const route = V2_ROUTES.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
    if (!route) throw unknownV2Route(method, url.pathname);
    const match = route.path.exec(url.pathname) as RegExpExecArray;
    const pathMembers = Object.fromEntries((route.pathMembers ?? []).map((name, index) => [name, decodeURIComponent(match[index + 1])]));
    const input = { ...parseJsonObject(body), ...Object.fromEntries(url.searchParams), ...pathMembers };
    const service = {
      operations: SES_V2_OPERATIONS,
      authorization: SES_V2_AUTHORIZATION,
      state,
      unknownOperation: () => unknownV2Route(method, url.pathname),
      accessDenied: accessDeniedV2,
    };
    const reply = await dispatch(service, route.operation, input, context);
    writeReply(response, reply as EngineReply);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    writeJson(response, error.statusCode, { message: error.message }, { 'x-amzn-ErrorType': error.code });
  }
}

function parseJsonObject(body: Buffer): Record<string, unknown> {
  try {
    return body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
  } catch {
    throw bodyNotJson();
  }
}

/** The engine answers v1 in XML and v2 in JSON, or with nothing but a status. */
function writeReply(response: ServerResponse, reply: EngineReply): void {
  if (reply.body === undefined) {
    response.writeHead(reply.statusCode, { 'Content-Length': 0 }).end();
    return;
  }
  if (typeof reply.body === 'string') {
    response.writeHead(reply.statusCode, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(reply.body) });
    response.end(reply.body);
    return;
  }
  writeJson(response, reply.statusCode, reply.body);
}

function writeJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function requestIdOf(response: ServerResponse): string {
  const header = response.getHeader('x-amzn-RequestId');
  return typeof header === 'string' ? header : 'local';
}
