import { AwsError } from '../protocol/aws-error';
import type { CheckedEntry } from './validations/fields';

/** One entry of a batch response's `Failed` list. */
export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

export interface BatchResult<T> {
  Successful: T[];
  Failed: BatchFailure[];
}

export function batchFailure(id: string, error: AwsError): BatchFailure {
  return { Id: id, SenderFault: error.statusCode < 500, Code: error.code, Message: error.message };
}

/**
 * Runs each checked entry of a batch: an entry that failed its checks, or whose run throws an AWS error, is
 * reported in `Failed`; the others' results go to `Successful`, in request order.
 */
export function runBatch<T, R>(entries: readonly CheckedEntry<T>[], run: (input: T, id: string) => R): BatchResult<R> {
  const result: BatchResult<R> = { Successful: [], Failed: [] };
  for (const entry of entries) {
    if ('invalid' in entry) {
      result.Failed.push(batchFailure(entry.Id, entry.invalid));
      continue;
    }
    try {
      result.Successful.push(run(entry.input, entry.Id));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      result.Failed.push(batchFailure(entry.Id, error));
    }
  }
  return result;
}
