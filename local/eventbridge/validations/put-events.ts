import type { PutEventsEntry, PutEventsResultEntry } from '../../model/ports';
import { describeViolations, mustNotBeNull } from '../../protocol/constraint-violations';
import { lengthConstraint, validation } from '../errors';

const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 262_144;
/** What a present `Time` counts for in the size of an entry, per AWS's size calculation. */
const TIME_BYTES = 14;

export interface PutEventsInput {
  /** Each entry checked on its own: a bad entry fails alone while the others go through. */
  Entries: CheckedEntry[];
}

/** The request's checks first (failing them fails the whole call), then each entry's. */
export function validatePutEvents(input: Record<string, unknown>): PutEventsInput {
  return { Entries: checkEntries(input.Entries).map(checkEntry) };
}

/** Request-level checks: 1 to 10 entries and the total size limit. */
function checkEntries(entries: unknown): PutEventsEntry[] {
  if (entries === undefined || entries === null) throw validation(describeViolations([mustNotBeNull('entries')]));
  if (!Array.isArray(entries)) throw validation('Entries must be a list of PutEventsRequestEntry.');
  if (entries.length < 1) throw lengthConstraint('entries', 'have length greater than or equal to 1');
  if (entries.length > MAX_ENTRIES) throw lengthConstraint('entries', `have length less than or equal to ${MAX_ENTRIES}`);
  const total = (entries as PutEventsEntry[]).reduce((sum, entry) => sum + entrySize(entry ?? {}), 0);
  if (total > MAX_REQUEST_BYTES) throw validation('Total size of the entries in the request is over the limit.');
  return entries as PutEventsEntry[];
}

/** The size AWS charges an entry against the 256 KB limit. */
function entrySize(entry: PutEventsEntry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? TIME_BYTES : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (typeof text === 'string') size += Buffer.byteLength(text, 'utf8');
  }
  return size;
}

export type CheckedEntry =
  | { ok: true; entry: PutEventsEntry & { Source: string; DetailType: string }; detail: Record<string, unknown> }
  | { ok: false; result: Required<Pick<PutEventsResultEntry, 'ErrorCode' | 'ErrorMessage'>> };

/** Entry-level checks, in AWS's order; a failing entry gets its own ErrorCode. */
function checkEntry(entry: PutEventsEntry): CheckedEntry {
  for (const member of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry?.[member];
    if (typeof value !== 'string' || value === '') {
      return failure('InvalidArgument', `Parameter ${member} is not valid. Reason: ${member} is a required argument.`);
    }
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    return failure('MalformedDetail', 'Detail is malformed.');
  }
  if (detail === null || typeof detail !== 'object' || Array.isArray(detail)) return failure('MalformedDetail', 'Detail is malformed.');
  if (entry.Resources !== undefined && (!Array.isArray(entry.Resources) || entry.Resources.some((resource) => typeof resource !== 'string'))) {
    return failure('InvalidArgument', 'Parameter Resources is not valid. Reason: Resources must be a list of strings.');
  }
  return { ok: true, entry: entry as PutEventsEntry & { Source: string; DetailType: string }, detail: detail as Record<string, unknown> };
}

function failure(code: string, message: string): CheckedEntry {
  return { ok: false, result: { ErrorCode: code, ErrorMessage: message } };
}
