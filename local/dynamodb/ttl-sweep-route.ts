import { sendJson } from '../protocol/json-protocol';
import type { HttpServiceHandler } from '../protocol/service';
import type { TtlSweeper } from './ttl-sweeper';

/** `POST /_local/dynamodb/ttl-sweep` runs the TTL sweep now and answers with the keys it deleted, per table. */
export const TTL_SWEEP_PATH = '/_local/dynamodb/ttl-sweep';

export function ttlSweepRoute(sweeper: TtlSweeper): HttpServiceHandler {
  return {
    signingNames: [],
    pathPrefixes: [TTL_SWEEP_PATH],
    async handle(request, _body, response) {
      if (request.method !== 'POST') {
        response.setHeader('Allow', 'POST');
        sendJson(response, 405, { message: `${TTL_SWEEP_PATH} runs the TTL sweep on POST, not ${request.method}` }, 'application/json');
        return;
      }
      sendJson(response, 200, await sweeper.sweep(), 'application/json');
    },
  };
}
