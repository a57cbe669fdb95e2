import type { AwsError } from './aws-error';
import type { RequestContext } from './service';

/**
 * One permission a request needs: an IAM action on a resource, with the condition keys the request sets. The
 * operations of every service declare theirs (`authorization.ts` beside each `operations.ts`), and the generic
 * dispatch asks the caller's authorizer for them between validation and the action.
 */
export interface AuthorizationCheck {
  /** As the Service Authorization Reference spells it, for example `sqs:SendMessage`. */
  readonly action: string;
  /** The resource's ARN, or `*` for an action that names no resource. */
  readonly resource: string;
  /**
   * Resources any one of which, allowed instead of `resource`, also lets the request through: SES sends as an
   * address whose own identity or whose domain's identity may be the verified one.
   */
  readonly alternatives?: readonly string[];
  /** Condition keys the request sets, for example `{ 'events:source': 'users-fanout.users' }`. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

/** A check the caller failed, with the parts of AWS's message each service words in its own way. */
export interface AccessDenial {
  readonly check: AuthorizationCheck;
  /** The caller's ARN (a session's `arn:aws:sts::...:assumed-role/...`), or a service's name. */
  readonly principal: string;
  readonly reason: 'explicit-deny' | 'no-allow';
  readonly policyType: 'identity-based' | 'resource-based';
  /** AWS's standard wording: `User: ... is not authorized to perform: ... on resource: ... because ...`. */
  readonly message: string;
  /** The condition keys of the statement that denied explicitly (lower case); none for a missing Allow. */
  readonly deniedOnKeys: readonly string[];
}

/** Who made a request, and the authorizer that answers for it. */
export interface RequestCaller {
  /** The caller's ARN, or a service's name. */
  readonly name: string;
  /** The first check the caller fails (enforced, or only logged in warn mode), or undefined when all pass. */
  authorize(checks: readonly AuthorizationCheck[]): AccessDenial | undefined;
}

/** An action and the resource type it is checked on, as the Service Authorization Reference lists them. */
export interface RequiredPermission {
  readonly action: string;
  /** The reference's resource type (`queue`, `table`, `event-bus`...), or `*` for an action without one. */
  readonly resourceType: string;
}

/**
 * How one operation is authorized: the permissions it can need (declared, so a test can check each against the
 * reference data), and the concrete checks of one request.
 */
export interface OperationAuthorization<State, Input> {
  readonly requires: readonly RequiredPermission[];
  readonly checks: (input: Input, state: State, context: RequestContext) => readonly AuthorizationCheck[];
}

/** Pairs an operation's declared permissions with the function that computes a request's checks. */
export function authorization<State, Input>(
  requires: readonly RequiredPermission[],
  checks: (input: Input, state: State, context: RequestContext) => readonly AuthorizationCheck[],
): OperationAuthorization<State, Input> {
  return { requires, checks };
}

/** The input type an operation table entry's `validate` produces. */
type InputOf<Entry> = Entry extends { validate: (input: Record<string, unknown>) => infer Input } ? Input : never;

/** An authorization for every operation of a service's table, each typed by its operation's input. */
export type AuthorizationTable<State, Operations> = { readonly [Name in keyof Operations]: OperationAuthorization<State, InputOf<Operations[Name]>> };

/** A table entry as the generic dispatch sees it, whatever its input. */
export interface TableAuthorization<State> {
  readonly requires: readonly RequiredPermission[];
  readonly checks: (input: never, state: State, context: RequestContext) => readonly AuthorizationCheck[];
}

/** How a service answers a denial, in its own code, status and wording. */
export type AccessDeniedResponse = (denial: AccessDenial) => AwsError;

/** What a caller's requests carry besides its identity, for the condition keys AWS sets from them. */
export interface CallerFacts {
  /** The client's address, for requests that came over HTTP: `aws:SourceIp`. */
  sourceIp?: string;
  /** The resource a service acts for (a rule, a pipe, a function): `aws:SourceArn`, with `aws:SourceAccount`. */
  sourceArn?: string;
  sourceAccount?: string;
  /** A service that calls another for the principal, as SQS calls KMS: `kms:ViaService`, `aws:ViaAWSService`. */
  viaService?: string;
}

/** Makes the callers in-process services act as: a session of a template role, or an AWS service acting for itself. */
export interface CallerFactory {
  forRole(roleArn: string, sessionName: string, facts?: CallerFacts): RequestCaller;
  forService(service: string, facts?: CallerFacts): RequestCaller;
}

/**
 * The caller of an endpoint or service that runs without local IAM: a test that drives one service alone. The
 * runtime never uses it; it always asks local IAM (whose `off` mode is the way to run without checks).
 */
export const CALLER_WITHOUT_IAM: RequestCaller = { name: 'a caller of a service running without local IAM', authorize: () => undefined };

/** What an in-process port throws when its caller may not make the call; the denial says why. */
export class AccessDeniedError extends Error {
  constructor(readonly denial: AccessDenial) {
    super(denial.message);
    this.name = 'AccessDeniedException';
  }
}

/** Authorizes in-process calls the way the endpoint does HTTP ones, throwing AccessDeniedError for the first denial. */
export function requireAuthorization(caller: RequestCaller, checks: readonly AuthorizationCheck[]): void {
  const denial = caller.authorize(checks);
  if (denial) throw new AccessDeniedError(denial);
}

/** The callers of services that run without local IAM (a test of one service alone). */
export const CALLERS_WITHOUT_IAM: CallerFactory = { forRole: () => CALLER_WITHOUT_IAM, forService: () => CALLER_WITHOUT_IAM };
