import type { Principal } from '../principals';

/** Condition keys and their values, keys in lower case (IAM matches key names without regard to case). */
export type ContextValues = ReadonlyMap<string, readonly string[]>;

/** What a policy is evaluated against: who asks, for what, on which resource, with which condition keys. */
export interface RequestContext {
  readonly principal: Principal;
  /** As the Service Authorization Reference spells it, for example `dynamodb:PutItem`. */
  readonly action: string;
  /** An ARN, or `*` for actions that name no resource (ListQueues). */
  readonly resource: string;
  readonly values: ContextValues;
}
