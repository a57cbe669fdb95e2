import type { AccessDeniedResponse, TableAuthorization } from './authorization';
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

/** Every operation's authorization, keyed as the operations table is (see `authorization.ts`). */
export type AuthorizationTableOf<State> = Readonly<Record<string, TableAuthorization<State>>>;

/** What the generic dispatch needs of a service: its operations, their authorizations, its state and its errors. */
export interface ServiceOperations<State> {
  operations: OperationTable<State>;
  authorization: AuthorizationTableOf<State>;
  state: State;
  /** The service's answer to an operation its table lacks. */
  unknownOperation: (name: string) => AwsError;
  /** The service's answer to a request its caller may not make. */
  accessDenied: AccessDeniedResponse;
}

/**
 * Looks the operation up, validates its input, authorizes the caller for what that input asks, and runs it. The
 * validation comes first, as in AWS, where a malformed request is refused before it is authorized.
 */
export function dispatch<State>(service: ServiceOperations<State>, name: string, input: Record<string, unknown>, context: RequestContext): unknown {
  const found = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined;
  if (!found) throw service.unknownOperation(name);
  const validated = found.validate(input) as never;
  const authorization = service.authorization[name];
  if (!authorization) throw new Error(`Operation ${name} has no authorization: every served operation must declare the permissions it needs`);
  const checks = authorization.checks(validated, service.state, context);
  const declared = declaredActions(authorization);
  const undeclared = checks.find((check) => !declared.has(check.action));
  if (undeclared) throw new Error(`Operation ${name} checks ${undeclared.action}, which its authorization does not declare`);
  const denial = context.caller.authorize(checks);
  if (denial) throw service.accessDenied(denial);
  return found.run(service.state, validated, context);
}

const declaredByEntry = new WeakMap<object, ReadonlySet<string>>();

/** The actions an operation declares it may check, so that no check escapes the reference-data test. */
function declaredActions(entry: TableAuthorization<never>): ReadonlySet<string> {
  let actions = declaredByEntry.get(entry);
  if (!actions) {
    actions = new Set(entry.requires.map((permission) => permission.action));
    declaredByEntry.set(entry, actions);
  }
  return actions;
}

export interface JsonOperationsHandlerOptions<State> extends ServiceOperations<State> {
  /** `X-Amz-Target` prefixes the service answers, for example `AmazonSQS`. */
  targetPrefixes: readonly string[];
}

/**
 * A JSON-protocol service: the endpoint has already split `X-Amz-Target` into the operation and parsed the body,
 * so the handler only dispatches.
 */
export function jsonOperationsHandler<State>(options: JsonOperationsHandlerOptions<State>): JsonServiceHandler {
  return {
    targetPrefixes: options.targetPrefixes,
    handle: (name, input, context) => dispatch(options, name, input, context),
  };
}
