import { invalidParameterValue, markerNotReturned } from '../errors';

const DEFAULT_MAX_ITEMS = 50;
const MAX_ITEMS_LIMIT = 10_000;

export interface ListFunctionsInput {
  MaxItems: number;
  /** The page's first position, from `Marker` (an opaque position this API returned); 0 without one. */
  start: number;
  /** The marker as given, for the error that names it. */
  Marker?: string;
}

/** The REST request's members, from its query string. */
export function validateListFunctions(input: Record<string, unknown>): ListFunctionsInput {
  const rawMaxItems = input.MaxItems as string | undefined;
  const MaxItems = rawMaxItems === undefined ? DEFAULT_MAX_ITEMS : Number(rawMaxItems);
  if (!Number.isInteger(MaxItems) || MaxItems < 1 || MaxItems > MAX_ITEMS_LIMIT) {
    throw invalidParameterValue(`MaxItems must be an integer from 1 to ${MAX_ITEMS_LIMIT}, got "${rawMaxItems}"`);
  }
  const Marker = input.Marker as string | undefined;
  const start = Marker === undefined ? 0 : Number(Marker);
  if (!Number.isInteger(start) || start < 0) throw markerNotReturned(Marker);
  return { MaxItems, start, Marker };
}
