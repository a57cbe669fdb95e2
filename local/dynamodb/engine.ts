import type { DynaliteError, DynaliteStore, TableDescription } from 'dynalite/db';
import { checkTypes, checkValidations } from 'dynalite/validations';
import { AwsError } from '../protocol/aws-error';
import { DYNALITE_OPERATIONS, type DynaliteOperation } from './dynalite-operations';
import { memoizeDynaliteExpressionParsing } from './expression-parse-cache';

memoizeDynaliteExpressionParsing();

/** A request that passed dynalite's type checks: its members have the types the operation declares, unknown ones dropped. */
export type DynaliteRequest = Record<string, unknown>;

/**
 * dynalite's type checks, which need no store: a member of the wrong type is AWS's SerializationException.
 * The input is copied first, since dynalite drops unknown members in place.
 */
export function checkRequestTypes(operation: string, input: Record<string, unknown>): DynaliteRequest {
  try {
    return checkTypes({ ...input }, dynaliteOperation(operation).validation.types);
  } catch (error) {
    throw toAwsError(error);
  }
}

/** Runs dynalite's validation and actions in-process, with no HTTP hop, turning its errors into AwsErrors. */
export class DynaliteEngine {
  constructor(readonly store: DynaliteStore) {}

  /** Validates and runs one operation, as dynalite's own server would. */
  run(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.perform(operation, this.validate(operation, input));
  }

  /**
   * Runs a request that passed `checkRequestTypes`: dynalite's value checks, some of which read the store's settings
   * (the item size limit, the account), then its action.
   */
  runChecked(operation: string, request: DynaliteRequest): Promise<Record<string, unknown>> {
    return this.perform(operation, this.checkValues(operation, request));
  }

  /** Checks the input's types and constraints; returns the request with expressions parsed. */
  validate(operation: string, input: Record<string, unknown>): Record<string, unknown> {
    return this.checkValues(operation, checkRequestTypes(operation, input));
  }

  /** Runs an already validated request, optionally against another view of the store. */
  perform(operation: string, data: Record<string, unknown>, store: DynaliteStore = this.store): Promise<Record<string, unknown>> {
    const { action } = dynaliteOperation(operation);
    return new Promise((resolve, reject) => {
      action(store, data, (error, result) => (error ? reject(toAwsError(error)) : resolve(result ?? {})));
    });
  }

  /** The table, ACTIVE or not; rejects with ResourceNotFoundException. */
  table(tableName: string): Promise<TableDescription> {
    return new Promise((resolve, reject) => {
      this.store.getTable(tableName, false, (error, table) => (error ? reject(toAwsError(error)) : resolve(table!)));
    });
  }

  private checkValues(operation: string, request: DynaliteRequest): Record<string, unknown> {
    const { validation } = dynaliteOperation(operation);
    try {
      checkValidations(request, validation.types, validation.custom, this.store);
      return request;
    } catch (error) {
      throw toAwsError(error);
    }
  }
}

function dynaliteOperation(operation: string): DynaliteOperation {
  const found = Object.hasOwn(DYNALITE_OPERATIONS, operation) ? DYNALITE_OPERATIONS[operation] : undefined;
  if (!found) throw new Error(`dynalite has no operation ${operation}`);
  return found;
}

/** dynalite's errors carry the AWS body (`__type` with its namespace, and a message); anything else is a fault. */
export function toAwsError(error: unknown): unknown {
  const body = (error as DynaliteError | undefined)?.body;
  if (!body || typeof body.__type !== 'string') return error;
  const separator = body.__type.lastIndexOf('#');
  return new AwsError(
    body.__type.slice(separator + 1),
    body.message ?? body.Message ?? '',
    (error as DynaliteError).statusCode ?? 400,
    body.__type.slice(0, separator + 1),
  );
}
