import { conditionsHold } from '../conditions/evaluate-condition';
import type { RequestContext } from '../context/request-context';
import { statementCoversAction } from '../matching/action';
import { statementPrincipalMatch, type PrincipalMatch } from '../matching/principal';
import { statementCoversResource } from '../matching/resource';
import type { Statement } from '../policy/policy-types';

/**
 * How a statement applies to a request: not at all, or through a principal match (`direct`, or `account` when a
 * resource-based policy names the caller's account). Cheap checks first: action, resource, principal, then conditions.
 */
export function statementApplies(statement: Statement, request: RequestContext): PrincipalMatch {
  if (!statementCoversAction(statement, request.action)) return 'none';
  if (!statementCoversResource(statement, request.resource)) return 'none';
  const principal = statementPrincipalMatch(statement, request.principal);
  if (principal === 'none') return 'none';
  return conditionsHold(statement.conditions, request.values) ? principal : 'none';
}
