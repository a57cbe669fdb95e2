import { AwsError } from '../../protocol/aws-error';
import type { HttpServiceHandler } from '../../protocol/service';
import type { LambdaPort } from '../../model/ports';
import type { FunctionModel } from '../../model/types';
import { sendLambdaError, unknownRoute } from './errors';
import { lookUpFunction } from './function-lookup';
import { invoke } from './invoke';
import { listFunctions } from './list-functions';

export interface LambdaApiDependencies {
  functions: readonly FunctionModel[];
  lambda: LambdaPort;
}

const INVOCATIONS_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const FUNCTIONS_PATH = /^\/2015-03-31\/functions\/?$/;

/** Lambda's REST-JSON API (signing name `lambda`): Invoke, and ListFunctions as `aws lambda list-functions` calls it. */
export function lambdaApiHandler(deps: LambdaApiDependencies): HttpServiceHandler {
  return {
    signingNames: ['lambda'],
    pathPrefixes: [],
    async handle(request, body, response, context) {
      const url = new URL(request.url ?? '/', 'http://local');
      try {
        const invocation = INVOCATIONS_PATH.exec(url.pathname);
        if (invocation && request.method === 'POST') {
          const fn = lookUpFunction(deps.functions, decodeURIComponent(invocation[1]), url.searchParams.get('Qualifier') ?? undefined, context);
          return await invoke(deps.lambda, fn, request, body, response);
        }
        if (FUNCTIONS_PATH.test(url.pathname) && request.method === 'GET') return listFunctions(deps.functions, url.searchParams, response);
        throw unknownRoute(request.method ?? 'GET', url.pathname);
      } catch (error) {
        if (!(error instanceof AwsError)) throw error;
        sendLambdaError(response, error);
      }
    },
  };
}
