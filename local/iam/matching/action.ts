import type { Statement } from '../policy/policy-types';
import { wildcardMatcher } from './wildcard';

/**
 * Whether an `Action` entry names the request's action. Service prefix and action name are both matched without
 * regard to case (`SQS:sendmessage` names `sqs:SendMessage`), and either may use `*` and `?`.
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatcher(pattern, true)(action);
}

/** `Action`: the request's action is listed; `NotAction`: it is not. */
export function statementCoversAction(statement: Statement, action: string): boolean {
  if (statement.actions) return statement.actions.some((pattern) => actionMatches(pattern, action));
  return !(statement.notActions ?? []).some((pattern) => actionMatches(pattern, action));
}
