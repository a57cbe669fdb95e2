import type { FunctionModel } from '../../model/types';
import type { LambdaState } from '../state';
import { markerNotReturned } from '../errors';
import type { ListFunctionsInput } from '../validations/list-functions';

/** ListFunctions, paged by `Marker` (an opaque position) and `MaxItems`, in the runtime's function order. */
export function listFunctions(state: LambdaState, input: ListFunctionsInput) {
  const { functions } = state;
  if (input.start > functions.length) throw markerNotReturned(input.Marker);
  const page = functions.slice(input.start, input.start + input.MaxItems);
  const end = input.start + page.length;
  return {
    Functions: page.map(functionConfiguration),
    ...(end < functions.length ? { NextMarker: String(end) } : {}),
  };
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
