import type { AwsError } from './aws-error';
import type { JsonServiceHandler, RequestContext } from './service';

/**
 * One AWS operation a service answers: `validate` turns the request's members into the action's typed input,
 * throwing `AwsError` in the service's own wording, and `run` is the action, which knows no wire protocol.
 */
export interface Operation<State, Input, Output> {
  readonly validate: (input: Record<string, unknown>) => Input;
  readonly run: (state: State, input: Input, context: RequestContext) => Output;
}

/** A table entry whose input type only its own `validate` and `run` know; `dispatch` hands one to the other. */
export interface TableOperation<State> {
  readonly validate: (input: Record<string, unknown>) => unknown;
  readonly run: (state: State, input: never, context: RequestContext) => unknown;
}

/**
 * A service's operations by name, as AWS spells them (`SendMessage`). Every request of the service passes through
 * its table, whatever the wire protocol, so anything that must apply to every operation can be added here once.
 */
export type OperationTable<State> = Readonly<Record<string, TableOperation<State>>>;

/** Pairs an operation's validation with its action; the compiler checks that one's output is the other's input. */
export function operation<State, Input, Output>(
  validate: (input: Record<string, unknown>) => Input,
  run: (state: State, input: Input, context: RequestContext) => Output,
): Operation<State, Input, Output> {
  return { validate, run };
}

/** Looks the operation up, validates its input and runs it. An operation the table lacks gets the service's own error. */
export function dispatch<State>(
  operations: OperationTable<State>,
  state: State,
  name: string,
  input: Record<string, unknown>,
  context: RequestContext,
  unknownOperation: (name: string) => AwsError,
): unknown {
  const found = Object.hasOwn(operations, name) ? operations[name] : undefined;
  if (!found) throw unknownOperation(name);
  return found.run(state, found.validate(input) as never, context);
}

export interface JsonOperationsHandlerOptions<State> {
  /** `X-Amz-Target` prefixes the service answers, for example `AmazonSQS`. */
  targetPrefixes: readonly string[];
  operations: OperationTable<State>;
  state: State;
  unknownOperation: (name: string) => AwsError;
}

/**
 * A JSON-protocol service: the endpoint has already split `X-Amz-Target` into the operation and parsed the body,
 * so the handler only dispatches.
 */
export function jsonOperationsHandler<State>(options: JsonOperationsHandlerOptions<State>): JsonServiceHandler {
  return {
    targetPrefixes: options.targetPrefixes,
    handle: (name, input, context) => dispatch(options.operations, options.state, name, input, context, options.unknownOperation),
  };
}
