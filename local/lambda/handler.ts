import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { dispatch } from '../protocol/operations';
import type { HttpServiceHandler } from '../protocol/service';
import type { InvokeOutput } from './actions/invoke';
import { LAMBDA_AUTHORIZATION } from './authorization';
import { accessDenied, unknownRoute } from './errors';
import { LAMBDA_OPERATIONS } from './operations';
import type { LambdaState } from './state';

/** One REST route of Lambda's API: which operation it is, where its members are, and how its answer is written. */
interface Route {
  method: string;
  path: RegExp;
  operation: keyof typeof LAMBDA_OPERATIONS;
  input(match: RegExpExecArray, url: URL, request: IncomingMessage, body: Buffer): Record<string, unknown>;
  respond(response: ServerResponse, output: unknown): void;
}

const ROUTES: readonly Route[] = [
  {
    method: 'POST',
    path: /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/,
    operation: 'Invoke',
    input: (match, url, request, body) => ({
      FunctionName: decodeURIComponent(match[1]),
      Qualifier: url.searchParams.get('Qualifier') ?? undefined,
      InvocationType: request.headers['x-amz-invocation-type'],
      Payload: body,
    }),
    respond: (response, output) => writeInvokeOutput(response, output as InvokeOutput),
  },
  {
    method: 'GET',
    path: /^\/2015-03-31\/functions\/?$/,
    operation: 'ListFunctions',
    input: (_match, url) => ({ MaxItems: url.searchParams.get('MaxItems') ?? undefined, Marker: url.searchParams.get('Marker') ?? undefined }),
    respond: (response, output) => writeJson(response, 200, output),
  },
];

/** Lambda's REST-JSON API (signing name `lambda`): Invoke, and ListFunctions as `aws lambda list-functions` calls it. */
export function createHandler(state: LambdaState): HttpServiceHandler {
  return {
    signingNames: ['lambda'],
    pathPrefixes: [],
    async handle(request, body, response, context) {
      const url = new URL(request.url ?? '/', 'http://local');
      const method = request.method ?? 'GET';
      try {
        const route = ROUTES.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
        if (!route) throw unknownRoute(method, url.pathname);
        const input = route.input(route.path.exec(url.pathname) as RegExpExecArray, url, request, body);
        const service = { operations: LAMBDA_OPERATIONS, authorization: LAMBDA_AUTHORIZATION, state, unknownOperation: () => unknownRoute(method, url.pathname), accessDenied };
        const output = await dispatch(service, route.operation, input, context);
        route.respond(response, output);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        writeLambdaError(response, error);
      }
    },
  };
}

function writeInvokeOutput(response: ServerResponse, output: InvokeOutput): void {
  const executed = { 'X-Amz-Executed-Version': output.ExecutedVersion };
  if (output.Payload === undefined) {
    response.writeHead(output.StatusCode, output.StatusCode === 202 ? { ...executed, 'Content-Length': 0 } : executed).end();
    return;
  }
  response.writeHead(output.StatusCode, {
    ...executed,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(output.Payload),
    ...(output.FunctionError ? { 'X-Amz-Function-Error': output.FunctionError } : {}),
  });
  response.end(output.Payload);
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

/** Lambda's errors carry `Type` (User or Service) besides the message, and the code in `x-amzn-ErrorType`. */
function writeLambdaError(response: ServerResponse, error: AwsError): void {
  const body = JSON.stringify({ Type: error.statusCode >= 500 ? 'Service' : 'User', message: error.message });
  response.writeHead(error.statusCode, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-ErrorType': error.code,
  });
  response.end(body);
}
