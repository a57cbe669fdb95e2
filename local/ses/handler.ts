import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { sendQueryError } from '../protocol/query-protocol';
import type { HttpServiceHandler, RequestContext } from '../protocol/service';
import type { CapturedMail, Email } from './captured-mail';
import type { EmbeddedSesApp } from './embedded-app';
import { localStackMessages } from './localstack-view';
import { requestIdOf, sendV1Throttled, sendV2Throttled, type Throttle } from './throttle';
import { checkSendEmail, checkSendRawEmail, listMembers, type QueryParameters } from './v1-validation';
import { VIEWER_PATH, renderViewerPage, sendViewerPage } from './viewer';

export const INSPECTION_PATH = '/_aws/ses';

export interface SesHandlerDependencies {
  app: EmbeddedSesApp;
  captured: CapturedMail;
  throttle: Throttle;
}

/** SES v1 (query) and v2 (REST-JSON) by signing name `ses`; LocalStack's inspection API and the web page by path. */
export function sesHttpHandler(deps: SesHandlerDependencies): HttpServiceHandler {
  return {
    signingNames: ['ses'],
    pathPrefixes: [INSPECTION_PATH],
    async handle(request, body, response, context) {
      const url = new URL(request.url ?? '/', 'http://local');
      const path = url.pathname;
      if (path === VIEWER_PATH || path === `${VIEWER_PATH}/`) {
        return sendViewerPage(response, renderViewerPage(localStackMessages(deps.captured.list(), {}).messages));
      }
      // aws-ses-v2-local's own API (`/store?since=<epoch seconds>`, which the benchmark polls), under the page's path.
      if (path.startsWith(`${VIEWER_PATH}/`)) {
        await deps.app.handle(request, undefined, response, path.slice(VIEWER_PATH.length) + url.search);
        deps.captured.collectNew(context.region);
        return;
      }
      if (path === INSPECTION_PATH || path === `${INSPECTION_PATH}/`) return inspect(deps.captured, request, url, response);
      if (path.startsWith('/v2/')) return sendV2(deps, request, body, response, context, url);
      return sendV1(deps, request, body, response, context);
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

async function sendV1(deps: SesHandlerDependencies, request: IncomingMessage, body: Buffer, response: ServerResponse, context: RequestContext): Promise<void> {
  const parameters: QueryParameters = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  const action = parameters.Action;
  try {
    if (action === 'SendEmail') checkSendEmail(parameters);
    else if (action === 'SendRawEmail') checkSendRawEmail(parameters);
    else throw new AwsError('InvalidAction', `The action ${action ?? '(none)'} is not valid for this web service: the local SES captures SendEmail and SendRawEmail.`);
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    sendQueryError(response, error, requestIdOf(response));
    return;
  }
  if (deps.throttle.active) return sendV1Throttled(response);
  await deps.app.handle(request, parameters, response, '/');
  deps.captured.collectNew(context.region, action === 'SendEmail' ? allRecipients(parameters) : undefined);
}

/** aws-ses-v2-local keeps only the first address of each v1 destination list; the request has them all. */
function allRecipients(parameters: QueryParameters): (email: Email) => void {
  return (email) => {
    email.destination = {
      to: listMembers(parameters, 'Destination.ToAddresses'),
      cc: listMembers(parameters, 'Destination.CcAddresses'),
      bcc: listMembers(parameters, 'Destination.BccAddresses'),
    };
  };
}

async function sendV2(
  deps: SesHandlerDependencies,
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  context: RequestContext,
  url: URL,
): Promise<void> {
  const sends = request.method === 'POST' && /^\/v2\/email\/outbound-(bulk-)?emails\/?$/.test(url.pathname);
  if (sends && deps.throttle.active) return sendV2Throttled(response);
  let json: unknown;
  try {
    json = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    writeJson(response, 400, { message: 'Request body is not valid JSON' }, { 'x-amzn-ErrorType': 'BadRequestException' });
    return;
  }
  await deps.app.handle(request, json, response, url.pathname + url.search);
  deps.captured.collectNew(context.region);
}

function writeJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
