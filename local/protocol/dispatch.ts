import type { AwsError } from './aws-error';
import type { RequestContext } from './service';

/**
 * One AWS operation of an emulated service: `validate` turns the raw request into typed input (throwing an
 * `AwsError` in AWS's wording), `run` performs it on the service's state.
 */
export interface Operation<State, Input> {
  validate(raw: Record<string, unknown>): Input;
  // Method syntax on purpose: a table of operations with different inputs is then one `OperationTable` type.
  run(state: State, input: Input, context: RequestContext): unknown;
}

/** A service's operations by AWS operation name, for example `GenerateMac`. */
export type OperationTable<State> = Readonly<Record<string, Operation<State, unknown>>>;

/**
 * Validates and runs one operation of a table; an operation the table does not have is answered with
 * `notServed(name)`, in the service's own wording.
 */
export function dispatch<State>(
  table: OperationTable<State>,
  state: State,
  name: string,
  raw: Record<string, unknown>,
  context: RequestContext,
  notServed: (name: string) => AwsError,
): unknown {
  if (!Object.hasOwn(table, name)) throw notServed(name);
  const entry = table[name];
  return entry.run(state, entry.validate(raw), context);
}
