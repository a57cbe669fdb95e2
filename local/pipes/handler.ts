import type { ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import { dispatch } from '../protocol/operations';
import type { HttpServiceHandler } from '../protocol/service';
import { PIPES_AUTHORIZATION } from './authorization';
import { accessDenied, unknownRoute } from './errors';
import { PIPES_OPERATIONS } from './operations';
import type { PipesState } from './state';

/** One REST route of the Pipes API: its operation, and where its members are. */
interface Route {
  method: string;
  path: RegExp;
  operation: keyof typeof PIPES_OPERATIONS;
  input(match: RegExpExecArray, url: URL): Record<string, unknown>;
}

const ROUTES: readonly Route[] = [
  { method: 'GET', path: /^\/v1\/pipes\/([^/]+)\/?$/, operation: 'DescribePipe', input: (match) => ({ Name: decodeURIComponent(match[1] as string) }) },
  { method: 'GET', path: /^\/v1\/pipes\/?$/, operation: 'ListPipes', input: (_match, url) => Object.fromEntries(url.searchParams) },
];

/** The EventBridge Pipes REST-JSON API (signing name `pipes`): DescribePipe and ListPipes. */
export function createHandler(state: PipesState): HttpServiceHandler {
  const service = { operations: PIPES_OPERATIONS, authorization: PIPES_AUTHORIZATION, state, accessDenied };
  return {
    signingNames: ['pipes'],
    pathPrefixes: [],
    async handle(request, _body, response, context) {
      const url = new URL(request.url ?? '/', 'http://local');
      const method = request.method ?? 'GET';
      try {
        const route = ROUTES.find((candidate) => candidate.method === method && candidate.path.test(url.pathname));
        if (!route) throw unknownRoute(method, url.pathname);
        const input = route.input(route.path.exec(url.pathname) as RegExpExecArray, url);
        const output = dispatch({ ...service, unknownOperation: () => unknownRoute(method, url.pathname) }, route.operation, input, context);
        writeJson(response, 200, output);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        writeJson(response, error.statusCode, { message: error.message }, { 'x-amzn-ErrorType': error.code });
      }
    },
  };
}

function writeJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  response.end(text);
}
