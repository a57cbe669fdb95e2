import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../protocol/aws-error';
import type { HttpServiceHandler, RequestContext } from '../protocol/service';
import { pagePolicy } from '../server/page-policy';
import { CONSOLE_TOKEN_HEADER } from '../server/request-guard';
import { findTraces, traceAround } from '../trace';
import { consoleAssets } from './assets';
import { LiveUpdates } from './live';
import { runRedrive, type RedriveCommand } from './redrive';
import type { ConsoleSources } from './sources';
import { buildTopology } from './topology';
import { deadLetterQueueArns, hopView, recentHops } from './views';

export { ReloadLog, type ReloadEntry } from './reload-log';
export type { ConsoleSources } from './sources';
export type { RedriveCommand } from './redrive';

export const CONSOLE_PATH = '/_console';

export interface ConsoleOptions {
  sources: ConsoleSources;
  /** The per-process token the console's pages send with their actions (the endpoint's). */
  token: string;
  /** The project's redrive command; without it the console offers no redrive. */
  redrive?: RedriveCommand;
}

export interface LocalConsole {
  handler: HttpServiceHandler;
  /** Ends the open live streams. */
  close(): void;
}

/** A failure the console answers with its status and message. */
class ConsoleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: RegExp;
  run(match: string[], url: URL, body: Buffer, context: RequestContext): Promise<unknown> | unknown;
}

const LIST_LIMIT = 50;
const MESSAGES_LIMIT = 100;

/**
 * The console at /_console: one page whose script (preact and htm, bundled by esbuild) reads the JSON API below
 * it and listens for changes over Server-Sent Events. It shows the running template's topology with live counts,
 * each event's path across every hop, and each resource; it sends events, invokes functions, clears mail and
 * redrives dead-letter queues through the services' own operations.
 */
export function createConsole(options: ConsoleOptions): LocalConsole {
  const { sources } = options;
  const live = new LiveUpdates(() => sources.tracer, sources.reloads);
  const redrivesRunning = new Set<string>();
  const named = <T extends { name: string }>(items: readonly T[], name: string, what: string): T => {
    const found = items.find((item) => item.name === name);
    if (!found) throw new ConsoleError(404, `No ${what} named ${name} in the running template`);
    return found;
  };

  const routes: Route[] = [
    {
      method: 'GET',
      path: /^\/api\/overview$/,
      run: () => {
        const model = sources.model();
        return { endpoint: model.endpoint, region: model.region, account: model.account, warnings: model.warnings, redrive: options.redrive !== undefined };
      },
    },
    { method: 'GET', path: /^\/api\/topology$/, run: () => buildTopology(sources.model(), sources.tracer) },
    {
      method: 'GET',
      path: /^\/api\/traces$/,
      run: (_match, url) => ({ ...findTraces(sources.tracer, url.searchParams.get('q') ?? undefined), kept: sources.tracer.size, capacity: sources.tracer.capacity }),
    },
    {
      method: 'GET',
      path: /^\/api\/traces\/([^/]+)$/,
      run: ([id]) => {
        const view = traceAround(sources.tracer, id);
        if (!view) throw new ConsoleError(404, `No hop ${id} is kept any more (the console keeps the newest ${sources.tracer.capacity})`);
        const model = sources.model();
        const queueNames = Object.fromEntries(model.queues.map((queue) => [queue.arn, queue.name]));
        return {
          focus: view.focus,
          truncated: view.truncated,
          otherItems: view.otherItems,
          spans: view.spans.map((span) => ({
            ...hopView(span, { payload: true, logs: true }),
            resource: span.resource,
            itemKeys: span.itemKeys,
            parents: span.parents,
            children: span.children,
          })),
          names: {
            ...Object.fromEntries([...model.functions, ...model.rules, ...model.pipes, ...model.buses, ...model.tables].map((r) => [r.arn, r.name])),
            ...Object.fromEntries(model.tables.flatMap((table) => (table.stream ? [[table.stream.arn, `${table.name} stream`]] : []))),
            ...queueNames,
          },
        };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/tables$/,
      run: () => sources.model().tables.map((table) => ({ name: table.name, arn: table.arn, keySchema: table.keySchema, stream: table.stream?.viewType })),
    },
    {
      method: 'GET',
      path: /^\/api\/tables\/([^/]+)\/items$/,
      run: async ([name], url) => {
        const table = named(sources.model().tables, name, 'table');
        const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100);
        const start = url.searchParams.get('start');
        const partitionValue = url.searchParams.get('partition');
        const page = {
          TableName: table.name,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: JSON.parse(Buffer.from(start, 'base64url').toString('utf8')) as unknown } : {}),
        };
        const hashKey = table.keySchema.find((key) => key.KeyType === 'HASH')?.AttributeName as string;
        const hashType = table.attributeDefinitions.find((definition) => definition.AttributeName === hashKey)?.AttributeType ?? 'S';
        const output = (await (partitionValue
          ? sources.dynamoDb('Query', {
              ...page,
              KeyConditionExpression: '#k = :v',
              ExpressionAttributeNames: { '#k': hashKey },
              ExpressionAttributeValues: { ':v': { [hashType]: partitionValue } },
            })
          : sources.dynamoDb('Scan', page))) as { Items?: unknown[]; LastEvaluatedKey?: unknown };
        return {
          items: output.Items ?? [],
          next: output.LastEvaluatedKey ? Buffer.from(JSON.stringify(output.LastEvaluatedKey)).toString('base64url') : undefined,
          partitionKey: hashKey,
        };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/queues$/,
      run: () => {
        const deadLetters = deadLetterQueueArns(sources.model());
        return sources.sqs().queues().map((queue) => ({ ...queue, deadLetterQueue: deadLetters.has(queue.arn) }));
      },
    },
    {
      method: 'GET',
      path: /^\/api\/queues\/([^/]+)$/,
      run: ([name]) => {
        const queue = named(sources.sqs().queues(), name, 'queue');
        return {
          ...queue,
          deadLetterQueue: deadLetterQueueArns(sources.model()).has(queue.arn),
          messages: sources.sqs().messages(queue.arn, MESSAGES_LIMIT),
        };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/queues\/([^/]+)\/redrive$/,
      run: async ([name]) => {
        const queue = named(sources.sqs().queues(), name, 'queue');
        if (!options.redrive) throw new ConsoleError(501, 'This project names no redrive command (package.json localRuntime.console.redrive)');
        if (!deadLetterQueueArns(sources.model()).has(queue.arn)) throw new ConsoleError(400, `${name} is no dead-letter queue of the template`);
        if (redrivesRunning.has(name)) throw new ConsoleError(409, `A redrive of ${name} is already running`);
        redrivesRunning.add(name);
        try {
          const model = sources.model();
          return await runRedrive(options.redrive, { queue: name, endpoint: model.endpoint, region: model.region });
        } finally {
          redrivesRunning.delete(name);
        }
      },
    },
    {
      method: 'GET',
      path: /^\/api\/buses$/,
      run: () => {
        const model = sources.model();
        return model.buses.map((bus) => ({
          name: bus.name,
          arn: bus.arn,
          rules: model.rules
            .filter((rule) => rule.busName === bus.name)
            .map((rule) => ({ name: rule.name, arn: rule.arn, state: rule.state, pattern: rule.eventPattern, targets: rule.targets.map((target) => target.arn) })),
          recentEvents: recentHops(sources.tracer, bus.arn, ['events.put'], 20, { payload: true }),
        }));
      },
    },
    {
      method: 'POST',
      path: /^\/api\/buses\/([^/]+)\/match$/,
      run: ([name], _url, body) => {
        const bus = named(sources.model().buses, name, 'event bus');
        try {
          return { rules: sources.busInspection().matchingRules({ ...eventEntry(body), EventBusName: bus.name }).map((rule) => rule.name) };
        } catch (error) {
          throw new ConsoleError(400, (error as Error).message);
        }
      },
    },
    {
      method: 'POST',
      path: /^\/api\/buses\/([^/]+)\/events$/,
      run: async ([name], _url, body) => {
        const bus = named(sources.model().buses, name, 'event bus');
        const entry = { ...eventEntry(body), EventBusName: bus.name };
        const output = (await sources.eventBridge('PutEvents', { Entries: [entry] })) as { Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }> };
        const [result] = output.Entries;
        if (result.ErrorCode) throw new ConsoleError(400, `${result.ErrorCode}: ${result.ErrorMessage ?? ''}`);
        const eventSpan = [...sources.tracer.newestFirst()].find((span) => span.kind === 'events.put' && span.ids.includes(result.EventId as string));
        const matched = (eventSpan?.children ?? []).map((id) => sources.tracer.get(id)).filter((span) => span?.kind === 'events.match');
        return { eventId: result.EventId, traceSpan: eventSpan?.id, matchedRules: matched.map((span) => span?.name) };
      },
    },
    {
      method: 'GET',
      path: /^\/api\/functions$/,
      run: () =>
        sources.model().functions.map((fn) => ({
          name: fn.name,
          arn: fn.arn,
          runtime: fn.runtime,
          handler: fn.handler,
          memorySizeMb: fn.memorySizeMb,
          timeoutSeconds: fn.timeoutSeconds,
          invocations: sources.tracer.countsOf(fn.arn)['lambda.invoke'] ?? { ok: 0, error: 0, pending: 0, dropped: 0 },
        })),
    },
    {
      method: 'GET',
      path: /^\/api\/functions\/([^/]+)$/,
      run: ([name]) => {
        const fn = named(sources.model().functions, name, 'function');
        return {
          name: fn.name,
          arn: fn.arn,
          runtime: fn.runtime,
          handler: fn.handler,
          codeDir: fn.codeDir,
          environment: fn.environment,
          asyncConfig: fn.asyncConfig,
          invocations: recentHops(sources.tracer, fn.arn, ['lambda.invoke'], LIST_LIMIT, { payload: true, logs: true }),
        };
      },
    },
    {
      method: 'POST',
      path: /^\/api\/functions\/([^/]+)\/invoke$/,
      run: async ([name], _url, body) => {
        const fn = named(sources.model().functions, name, 'function');
        let event: unknown;
        try {
          event = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          throw new ConsoleError(400, 'The event is not JSON');
        }
        return sources.invokeFunction(fn.arn, event);
      },
    },
    {
      method: 'GET',
      path: /^\/api\/pipes$/,
      run: () => {
        const positions = sources.pipePositions();
        return sources.model().pipes.map((pipe) => ({
          name: pipe.name,
          arn: pipe.arn,
          state: pipe.desiredState,
          source: pipe.source,
          filters: pipe.filters,
          enrichment: pipe.enrichment?.functionArn,
          target: pipe.target,
          settledThrough: positions.get(pipe.arn),
          counts: sources.tracer.countsOf(pipe.arn),
          batches: recentHops(sources.tracer, pipe.arn, ['pipe.batch'], 20, { logs: true }),
          failures: recentHops(sources.tracer, pipe.arn, ['pipe.batch'], LIST_LIMIT, { logs: true }).filter((hop) => hop.outcome === 'error'),
        }));
      },
    },
    { method: 'GET', path: /^\/api\/mail$/, run: () => sources.mail().messages() },
    {
      method: 'DELETE',
      path: /^\/api\/mail$/,
      run: () => {
        sources.mail().clear();
        return { cleared: true };
      },
    },
    { method: 'GET', path: /^\/api\/reloads$/, run: () => sources.reloads.list() },
  ];

  const handler: HttpServiceHandler = {
    signingNames: [],
    pathPrefixes: [CONSOLE_PATH],
    async handle(request, body, response, context) {
      const url = new URL(request.url ?? '/', 'http://local');
      const path = url.pathname.slice(CONSOLE_PATH.length) || '/';
      if (request.method === 'GET' && (path === '/' || path === '')) return sendPage(response, options.token);
      if (request.method === 'GET' && path === '/app.js') return sendAsset(response, 'text/javascript', (await consoleAssets()).script);
      if (request.method === 'GET' && path === '/app.css') return sendAsset(response, 'text/css', (await consoleAssets()).styles);
      if (request.method === 'GET' && path === '/api/events') return live.open(response);
      await answer(routes, request, path, url, body, response, context);
    },
  };
  return { handler, close: () => live.close() };
}

async function answer(routes: Route[], request: IncomingMessage, path: string, url: URL, body: Buffer, response: ServerResponse, context: RequestContext): Promise<void> {
  const candidates = routes.filter((route) => route.path.test(path));
  const route = candidates.find((candidate) => candidate.method === request.method);
  try {
    if (candidates.length === 0) throw new ConsoleError(404, `The console has no ${path}`);
    if (!route) throw new ConsoleError(405, `${request.method} is not allowed on ${CONSOLE_PATH}${path}`);
    const match = (route.path.exec(path) as RegExpExecArray).slice(1).map(decodeURIComponent);
    sendJson(response, 200, await route.run(match, url, body, context));
  } catch (error) {
    if (error instanceof ConsoleError) return sendJson(response, error.status, { message: error.message });
    if (error instanceof AwsError) return sendJson(response, error.statusCode, { code: error.code, message: error.message });
    throw error;
  }
}

/** A bus form's event: source, detail type and detail (an object or its JSON text). */
function eventEntry(body: Buffer): { Source?: string; DetailType?: string; Detail?: string } {
  let form: { source?: unknown; detailType?: unknown; detail?: unknown };
  try {
    form = JSON.parse(body.toString('utf8')) as typeof form;
  } catch {
    throw new ConsoleError(400, 'The event form is not JSON');
  }
  const detail = typeof form.detail === 'string' ? form.detail : JSON.stringify(form.detail ?? {});
  return { Source: String(form.source ?? ''), DetailType: String(form.detailType ?? ''), Detail: detail };
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value ?? null);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}

function sendAsset(response: ServerResponse, type: string, text: string): void {
  response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache' });
  response.end(text);
}

function sendPage(response: ServerResponse, token: string): void {
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="${CONSOLE_TOKEN_HEADER}" content="${token}">
<link rel="icon" href="data:,">
<title>Console · local runtime</title>
<link rel="stylesheet" href="${CONSOLE_PATH}/app.css">
<script type="module" src="${CONSOLE_PATH}/app.js"></script>
</head>
<body><noscript>The console needs JavaScript.</noscript><div id="app"></div></body>
</html>
`;
  response.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(page),
    'Cache-Control': 'no-store',
    'Content-Security-Policy': pagePolicy(),
  });
  response.end(page);
}
