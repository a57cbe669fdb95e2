/**
 * A policy as the evaluator reads it: every element normalised to lists, every condition flattened to one
 * operator, one key and its values. Parsing (`parse-policy.ts`) is the only place that sees raw JSON.
 */

export type Effect = 'Allow' | 'Deny';

/** The principals a `Principal` or `NotPrincipal` element names, by kind. */
export interface PrincipalSet {
  /** `"*"`, or `{"AWS": "*"}`: every principal. */
  readonly everyone: boolean;
  /** Account ids, account root ARNs, role, user and assumed-role session ARNs. */
  readonly aws: readonly string[];
  /** Service principals, for example `events.amazonaws.com`. */
  readonly services: readonly string[];
  /** Federated and canonical-user principals, which no local caller can be; kept so they are not mistaken for none. */
  readonly other: readonly string[];
}

/** One operator applied to one condition key, for example `ArnEquals` of `aws:SourceArn`. */
export interface Condition {
  /** As written, for example `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** As written, for example `aws:SourceArn`; context keys are matched case-insensitively. */
  readonly key: string;
  /** The policy's values, as strings (`true`, `42`); any one may match, as AWS ORs them. */
  readonly values: readonly string[];
}

/** Where a statement comes from, so a denial or a report can name it. */
export interface StatementOrigin {
  /** The policy, for example `UserCreatedPipeRoleDefaultPolicy97B64429` or `AWSLambdaBasicExecutionRole`. */
  readonly policy: string;
  /** Its position in the policy's `Statement` list. */
  readonly index: number;
}

export interface Statement {
  readonly sid?: string;
  readonly effect: Effect;
  /** Exactly one of `actions` and `notActions` is set. */
  readonly actions?: readonly string[];
  readonly notActions?: readonly string[];
  /** At most one of `resources` and `notResources`; neither means the resource the policy is attached to. */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** Resource-based policies only: at most one of `principal` and `notPrincipal`. */
  readonly principal?: PrincipalSet;
  readonly notPrincipal?: PrincipalSet;
  /** All must hold (AND). */
  readonly conditions: readonly Condition[];
  readonly origin: StatementOrigin;
}

export interface PolicyDocument {
  /** The policy's name, as statements' origins name it. */
  readonly name: string;
  readonly statements: readonly Statement[];
}
