import type { ServerResponse } from 'node:http';
import type { HttpServiceHandler } from '../protocol/service';
import type { Scheduler } from './scheduler';

export const SCHEDULES_PATH = '/_local/eventbridge/schedules';

/**
 * The local runtime's own page for scheduled rules, which AWS has no API for: `GET` lists them with their next
 * run, and `POST <path>/<rule-name>` runs one now, so a nightly job can be tried without waiting for the night.
 */
export function createSchedulesHandler(scheduler: Scheduler): HttpServiceHandler {
  return {
    signingNames: [],
    pathPrefixes: [SCHEDULES_PATH],
    async handle(request, _body, response) {
      const path = new URL(request.url ?? '/', 'http://local').pathname.replace(/\/+$/, '');
      if (path === SCHEDULES_PATH) {
        if (request.method !== 'GET') return writeJson(response, 405, { message: `Use GET to list the scheduled rules, or POST ${SCHEDULES_PATH}/<rule-name> to run one` });
        return writeJson(response, 200, { schedules: scheduler.list() });
      }
      const ruleName = decodeURIComponent(path.slice(SCHEDULES_PATH.length + 1));
      if (request.method !== 'POST') return writeJson(response, 405, { message: `Use POST ${SCHEDULES_PATH}/${ruleName} to run the rule now` });
      const outcome = scheduler.runNow(ruleName);
      if (outcome === 'unknown') return writeJson(response, 404, { message: `No scheduled rule named ${ruleName}; GET ${SCHEDULES_PATH} lists them` });
      if (outcome === 'disabled') return writeJson(response, 409, { message: `Rule ${ruleName} is DISABLED in the template, so it does not run` });
      return writeJson(response, 200, { rule: ruleName, eventId: outcome.eventId });
    },
  };
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}
