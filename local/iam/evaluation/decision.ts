import type { RequestContext } from '../context/request-context';
import type { PolicyDocument, Statement } from '../policy/policy-types';
import { statementApplies } from './statement-match';

/** The policies that bear on one request, as the account holds them. */
export interface ApplicablePolicies {
  /** The caller's identity-based policies; undefined for a service principal, which has none. */
  readonly identity?: readonly PolicyDocument[];
  /** The resource's resource-based policy, when it has one. */
  readonly resource?: PolicyDocument;
  /**
   * KMS keys: the key policy decides. An identity-based policy counts only where the key policy lets the account
   * delegate the action (its `arn:aws:iam::<account>:root` statement), as KMS documents.
   */
  readonly resourcePolicyRequired?: boolean;
}

/**
 * Why a request was allowed or denied. Denials carry the policy type AWS names in its message: an explicit Deny, or
 * no Allow where one was needed.
 */
export type Decision =
  | { readonly allowed: true; readonly by: 'identity' | 'resource'; readonly statement: Statement }
  | { readonly allowed: false; readonly reason: 'explicit-deny'; readonly policyType: PolicyType; readonly statement: Statement }
  | { readonly allowed: false; readonly reason: 'no-allow'; readonly policyType: PolicyType };

export type PolicyType = 'identity-based' | 'resource-based';

/**
 * AWS's evaluation for a request within one account: an explicit Deny in any policy wins; otherwise an Allow in
 * either the identity-based or the resource-based policy permits the request (the union of both); otherwise it is
 * implicitly denied. KMS keys need their key policy's Allow (see `resourcePolicyRequired`).
 */
export function decide(request: RequestContext, policies: ApplicablePolicies): Decision {
  let identityAllow: Statement | undefined;
  for (const policy of policies.identity ?? []) {
    for (const statement of policy.statements) {
      if (statementApplies(statement, request) === 'none') continue;
      if (statement.effect === 'Deny') return { allowed: false, reason: 'explicit-deny', policyType: 'identity-based', statement };
      identityAllow ??= statement;
    }
  }
  let resourceAllow: Statement | undefined;
  let accountAllow: Statement | undefined;
  for (const statement of policies.resource?.statements ?? []) {
    const match = statementApplies(statement, request);
    if (match === 'none') continue;
    if (statement.effect === 'Deny') return { allowed: false, reason: 'explicit-deny', policyType: 'resource-based', statement };
    if (match === 'direct') resourceAllow ??= statement;
    else accountAllow ??= statement;
  }
  if (resourceAllow) return { allowed: true, by: 'resource', statement: resourceAllow };
  if (policies.resourcePolicyRequired) {
    if (identityAllow && accountAllow) return { allowed: true, by: 'identity', statement: identityAllow };
    // The key policy lets the account delegate, so the missing grant is the caller's own.
    if (accountAllow) return { allowed: false, reason: 'no-allow', policyType: 'identity-based' };
    return { allowed: false, reason: 'no-allow', policyType: 'resource-based' };
  }
  if (identityAllow) return { allowed: true, by: 'identity', statement: identityAllow };
  // A service principal has no identity-based policy: only a resource-based one could have let it in.
  return { allowed: false, reason: 'no-allow', policyType: policies.identity === undefined ? 'resource-based' : 'identity-based' };
}
