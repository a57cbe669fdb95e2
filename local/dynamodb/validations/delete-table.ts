import { checkRequestTypes, type DynaliteRequest } from '../engine';

/** dynalite's own checks, as for the operations it answers alone. */
export function validateDeleteTable(input: Record<string, unknown>): DynaliteRequest {
  return checkRequestTypes('DeleteTable', input);
}
