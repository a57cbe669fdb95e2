import type { ServerResponse } from 'node:http';
import type { FunctionModel } from '../../model/types';
import { invalidParameterValue } from './errors';

const DEFAULT_MAX_ITEMS = 50;
const MAX_ITEMS_LIMIT = 10_000;

/** ListFunctions, paged by `Marker` (an opaque position) and `MaxItems`, in the runtime's function order. */
export function listFunctions(functions: readonly FunctionModel[], query: URLSearchParams, response: ServerResponse): void {
  const maxItems = query.has('MaxItems') ? Number(query.get('MaxItems')) : DEFAULT_MAX_ITEMS;
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > MAX_ITEMS_LIMIT) {
    throw invalidParameterValue(`MaxItems must be an integer from 1 to ${MAX_ITEMS_LIMIT}, got "${query.get('MaxItems')}"`);
  }
  const start = query.has('Marker') ? Number(query.get('Marker')) : 0;
  if (!Number.isInteger(start) || start < 0 || start > functions.length) {
    throw invalidParameterValue(`Marker "${query.get('Marker')}" is not one this API returned`);
  }
  const page = functions.slice(start, start + maxItems);
  const end = start + page.length;
  const body = JSON.stringify({
    Functions: page.map(functionConfiguration),
    ...(end < functions.length ? { NextMarker: String(end) } : {}),
  });
  response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  response.end(body);
}

function functionConfiguration(fn: FunctionModel): Record<string, unknown> {
  return {
    FunctionName: fn.name,
    FunctionArn: fn.arn,
    Runtime: fn.runtime,
    Handler: fn.handler,
    Timeout: fn.timeoutSeconds,
    MemorySize: fn.memorySizeMb,
    Version: '$LATEST',
    PackageType: 'Zip',
  };
}
