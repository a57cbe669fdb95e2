import type { Principal } from '../principals';
import type { PrincipalSet, Statement } from '../policy/policy-types';

/**
 * How a `Principal` element names the caller:
 * - `direct`: by the caller itself (its session, its role, its user ARN, its service name) or by `*`;
 * - `account`: by the caller's account (`123456789012` or `arn:aws:iam::123456789012:root`). An Allow that names the
 *   account delegates to the account's identity-based policies rather than granting anything by itself, as IAM
 *   documents for account principals; a Deny that names it applies to every principal of the account;
 * - `none`.
 */
export type PrincipalMatch = 'direct' | 'account' | 'none';

export function principalSetMatch(set: PrincipalSet, caller: Principal): PrincipalMatch {
  if (set.everyone) return 'direct';
  if (caller.type === 'Service') return set.services.includes(caller.service) ? 'direct' : 'none';
  let match: PrincipalMatch = 'none';
  for (const name of set.aws) {
    if (name === caller.arn) return 'direct';
    if (caller.type === 'AssumedRole' && name === caller.roleArn) return 'direct';
    if (isAccountPrincipal(name, caller.account)) match = 'account';
  }
  return match;
}

function isAccountPrincipal(name: string, account: string): boolean {
  return name === account || (name.startsWith('arn:') && name.endsWith(`:iam::${account}:root`));
}

/**
 * The caller's match with a statement of a resource-based policy. `NotPrincipal` names the principals a statement
 * does not apply to; locally a caller is left out when any of its identities (its session, its role, its account)
 * is named. (AWS checks the account, the role and the session in turn, which is why it asks policies to name the
 * account as well; IAM recommends `aws:PrincipalArn` conditions instead of NotPrincipal.)
 */
export function statementPrincipalMatch(statement: Statement, caller: Principal): PrincipalMatch {
  if (statement.principal) return principalSetMatch(statement.principal, caller);
  if (statement.notPrincipal) return principalSetMatch(statement.notPrincipal, caller) === 'none' ? 'direct' : 'none';
  // Identity-based policies name no principal: they apply to the identity they are attached to.
  return 'direct';
}
