// @ts-check
'use strict';
/*
 * Runs inside a function's worker thread, as Lambda's Node.js runtime does inside its sandbox: loads the
 * handler once (cold start), then runs one invocation at a time. Plain JavaScript, so that the worker starts in
 * a clean Node.js with no TypeScript loader, whether the runtime itself runs under tsx (npm start) or jest; its
 * JSDoc types are checked by tsc (this file is in tsconfig's program) against worker-messages.ts, and ESLint
 * lints it.
 */
const fs = require('node:fs');
const http = require('node:http');
const { register } = require('node:module');
const path = require('node:path');
const process = require('node:process');
const { pathToFileURL, URL } = require('node:url');
const { parentPort, workerData } = require('node:worker_threads');
const { confineCommonJs } = require('./module-resolution');

let esmHooksRegistered = false;

/**
 * ES modules resolve through loader hooks, which run on a thread of their own: registered only for handlers that
 * are ES modules, so CommonJS sandboxes do not pay for it.
 * @param {import('./worker-messages').WorkerData} data
 */
function registerEsmResolution(data) {
  if (esmHooksRegistered) return;
  esmHooksRegistered = true;
  register(pathToFileURL(path.join(__dirname, 'module-resolution.js')).href, { data: { codeDir: data.codeDir, sdkBase: data.sdkBase } });
}

/** @param {unknown} error @returns {import('./worker-messages').WorkerErrorShape} */
function errorShape(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error === 'string' ? 'string' : 'Error', errorMessage: String(error) };
}

/** @param {string} type @param {string} message */
function runtimeError(type, message) {
  const error = new Error(message);
  error.name = type;
  return error;
}

/** @param {string} file @param {import('./worker-messages').WorkerData} data */
async function importModule(file, data) {
  const importEsm = () => {
    registerEsmResolution(data);
    return import(pathToFileURL(file).href);
  };
  if (file.endsWith('.mjs')) return importEsm();
  try {
    return require(file);
  } catch (error) {
    if (error && /** @type {{code?: string}} */ (error).code === 'ERR_REQUIRE_ESM') return importEsm();
    throw error;
  }
}

/** @param {import('./worker-messages').WorkerData} data @returns {Promise<Function>} */
async function loadHandler(data) {
  const dot = data.handler.lastIndexOf('.');
  if (dot <= 0) throw runtimeError('Runtime.MalformedHandlerName', `Bad handler ${data.handler}: expected file.export`);
  const modulePath = data.handler.slice(0, dot);
  const exportName = data.handler.slice(dot + 1);
  const base = path.resolve(data.codeDir, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((extension) => base + extension).find((candidate) => fs.existsSync(candidate));
  if (file === undefined) {
    throw runtimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}' in ${data.codeDir}`);
  }
  let loaded;
  try {
    loaded = await importModule(file, data);
  } catch (error) {
    throw runtimeError('Runtime.ImportModuleError', `${errorShape(error).errorType}: ${errorShape(error).errorMessage}`);
  }
  const handler = loaded[exportName] ?? loaded.default?.[exportName];
  if (typeof handler !== 'function') {
    throw runtimeError('Runtime.HandlerNotFound', `${modulePath}.${exportName} is undefined or not exported`);
  }
  return handler;
}

/** @param {import('./worker-messages').InvokeContextData} data */
function lambdaContext(data) {
  const { deadlineMs, ...fields } = data;
  return {
    ...fields,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/**
 * Supports async handlers and callback-style ones, as the Node.js runtime does.
 * @param {Function} handler
 * @param {unknown} event
 * @param {Record<string, unknown>} context
 * @returns {Promise<unknown>}
 */
function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    /** @param {unknown} error @param {unknown} [value] */
    const callback = (error, value) => {
      if (settled) return;
      settled = true;
      if (error !== null && error !== undefined) reject(error);
      else resolve(value);
    };
    Object.assign(context, {
      done: callback,
      succeed: (/** @type {unknown} */ value) => callback(null, value),
      fail: (/** @type {unknown} */ error) => callback(error ?? new Error('handled')),
    });
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === 'function') returned.then((/** @type {unknown} */ value) => callback(null, value), callback);
      else if (handler.length < 3) callback(null, returned);
    } catch (error) {
      callback(error);
    }
  });
}

/** The span of the invocation running now, or of the last one: the cause of whatever the handler calls. */
/** @type {string | undefined} */
let currentTraceParent;

/**
 * Adds the running invocation's span as a header to each request the handler makes to the local endpoint, below
 * any client library: on Node's http.request and http.get (which the AWS SDK uses) and on fetch. A sandbox runs
 * one invocation at a time, so the span of the invocation running now is the cause; work a handler leaves running
 * after it returns is attributed to it too, as it was started by it. Requests to any other host are untouched.
 * @param {NonNullable<import('./worker-messages').WorkerData['tracing']>} tracing
 */
function traceOutgoingRequests(tracing) {
  const endpointHost = new URL(tracing.endpoint).host;
  /** @param {http.ClientRequest} request */
  const mark = (request) => {
    if (currentTraceParent === undefined || request.headersSent || request.getHeader('host') !== endpointHost) return;
    request.setHeader(tracing.header, currentTraceParent);
  };
  for (const name of /** @type {const} */ (['request', 'get'])) {
    const original = http[name];
    http[name] = /** @type {typeof http.request} */ (
      (/** @type {any[]} */ ...args) => {
        const request = /** @type {(...a: any[]) => http.ClientRequest} */ (original)(...args);
        mark(request);
        return request;
      }
    );
  }
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const request = new globalThis.Request(input, init);
    if (currentTraceParent !== undefined && new URL(request.url).host === endpointHost) request.headers.set(tracing.header, currentTraceParent);
    return originalFetch(request);
  };
}

/**
 * Marks where each traced invocation's output starts, on stdout and on stderr, in the same write as the first
 * output that follows: an invocation that prints nothing sends the runtime no message for its mark, and one that
 * prints sends none extra (each write crosses to the runtime's thread as a message of its own). Output written
 * between an invocation's start and its first line, by work an earlier one left running, goes with it, as it did
 * when marks were written at the start. The first invocation's marks are written as it starts: what the module
 * printed as it loaded waits in the runtime for them, to go with that cold start even if it prints nothing itself.
 * Returns what each invocation calls as it starts.
 * @param {NonNullable<import('./worker-messages').WorkerData['tracing']>} tracing
 * @returns {(traceParent: string) => void}
 */
function markInvocationOutput(tracing) {
  /** @type {Map<NodeJS.WriteStream, string>} */
  const pendingMarks = new Map();
  let firstInvocation = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = /** @type {typeof stream.write} */ (
      (/** @type {string | Uint8Array} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) => {
        const mark = pendingMarks.get(stream);
        if (mark === undefined) return write(chunk, encoding, callback);
        pendingMarks.delete(stream);
        // A string in the default encoding carries its mark; anything else gets it written just before.
        if (typeof chunk === 'string' && (typeof encoding !== 'string' || encoding === 'utf8' || encoding === 'utf-8')) return write(mark + chunk, encoding, callback);
        write(mark);
        return write(chunk, encoding, callback);
      }
    );
  }
  return (traceParent) => {
    const mark = `${tracing.mark}${traceParent}\n`;
    pendingMarks.set(process.stdout, mark);
    pendingMarks.set(process.stderr, mark);
    if (!firstInvocation) return;
    firstInvocation = false;
    // An empty write sends only the pending mark.
    process.stdout.write('');
    process.stderr.write('');
  };
}

async function main() {
  if (!parentPort) throw new Error('worker-bootstrap.js must run in a worker thread');
  const port = parentPort;
  /** @type {import('./worker-messages').WorkerData} */
  const data = workerData;
  const tracing = data.tracing;
  if (tracing) traceOutgoingRequests(tracing);
  const markInvocation = tracing ? markInvocationOutput(tracing) : undefined;
  let handler;
  try {
    confineCommonJs(data.codeDir, data.sdkBase);
    handler = await loadHandler(data);
  } catch (error) {
    port.postMessage({ type: 'init-error', error: errorShape(error) });
    return;
  }
  port.on('message', async (/** @type {import('./worker-messages').InvokeMessage} */ message) => {
    if (markInvocation && message.traceParent !== undefined) {
      currentTraceParent = message.traceParent;
      markInvocation(message.traceParent);
    }
    try {
      const payload = await runHandler(handler, JSON.parse(message.eventJson), lambdaContext(message.context));
      port.postMessage({ type: 'result', id: message.id, payloadJson: payload === undefined ? undefined : JSON.stringify(payload) });
    } catch (error) {
      port.postMessage({ type: 'error', id: message.id, error: errorShape(error) });
    }
  });
  port.postMessage({ type: 'ready' });
}

void main();
