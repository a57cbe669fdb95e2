import { wildcardMatcher } from '../matching/wildcard';
import type { ValueComparison } from './comparison';

/**
 * `ArnEquals` and `ArnLike` (which IAM documents as the same): each of the six colon-delimited parts of the ARN is
 * matched on its own, case-sensitively, and each may use `*` and `?`. The sixth part is the rest of the ARN, colons
 * included. A value that is not an ARN matches nothing.
 */
export const arnLike: ValueComparison = (requestValue, policyValue) => {
  const request = arnParts(requestValue);
  const policy = arnParts(policyValue);
  if (request === undefined || policy === undefined) return false;
  return policy.every((part, index) => wildcardMatcher(part)(request[index] as string));
};

function arnParts(text: string): string[] | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
