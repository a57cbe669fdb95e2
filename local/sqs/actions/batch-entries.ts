import { AwsError } from '../../protocol/aws-error';
import { batchEntryIdsNotDistinct, emptyBatchRequest, invalidBatchEntryId, tooManyEntriesInBatchRequest } from '../errors';
import { BATCH_ENTRY_ID, type Input } from '../validation';

const MAX_BATCH_ENTRIES = 10;

/** The Entries of a batch request, checked as SQS checks them before looking at any single entry. */
export function batchEntries(input: Input): Input[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) throw emptyBatchRequest();
  if (!Array.isArray(entries)) throw emptyBatchRequest();
  if (entries.length > MAX_BATCH_ENTRIES) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries as Input[]) {
    const id = entry?.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw invalidBatchEntryId();
    if (seen.has(id)) throw batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  return entries as Input[];
}

export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

/** Runs one entry; an AWS error becomes that entry's failure, as batch actions report them. */
export function runEntry<T>(entry: Input, run: () => T): { ok: T } | { failed: BatchFailure } {
  try {
    return { ok: run() };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    return { failed: { Id: entry.Id as string, SenderFault: error.statusCode < 500, Code: error.code, Message: error.message } };
  }
}
