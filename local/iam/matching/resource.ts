import type { Statement } from '../policy/policy-types';
import type { Matcher } from './wildcard';

/**
 * Resource ARN globbing as IAM documents it: `*` and `?` match within one colon-separated segment of the ARN, except
 * that a `*` ending a segment may run on across colons (so `arn:aws:logs:r:a:log-group:g:*` covers the group's log
 * streams, and `function:name` does not cover `function:name:$LATEST`). `*` alone is every resource. Matching is
 * case-sensitive.
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  return resourceMatcher(pattern)(resource);
}

const compiled = new Map<string, Matcher>();
const REGEX_SPECIAL = /[.+^${}()|[\]\\/-]/g;

function resourceMatcher(pattern: string): Matcher {
  const known = compiled.get(pattern);
  if (known) return known;
  const matcher = build(pattern);
  compiled.set(pattern, matcher);
  return matcher;
}

function build(pattern: string): Matcher {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*') && !pattern.includes('?')) return (value) => value === pattern;
  let source = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') {
      const endsSegment = index === pattern.length - 1 || pattern[index + 1] === ':';
      source += endsSegment ? '[\\s\\S]*' : '[^:]*';
    } else if (char === '?') {
      source += '[^:]';
    } else {
      source += char.replace(REGEX_SPECIAL, '\\$&');
    }
  }
  const expression = new RegExp(`^${source}$`);
  return (value) => expression.test(value);
}

/**
 * `Resource`: the request's resource is listed; `NotResource`: it is not. A statement of a resource-based policy
 * that names neither applies to the resource the policy is attached to, which is the one requested.
 */
export function statementCoversResource(statement: Statement, resource: string): boolean {
  if (statement.resources) return statement.resources.some((pattern) => resourceMatches(pattern, resource));
  if (statement.notResources) return !statement.notResources.some((pattern) => resourceMatches(pattern, resource));
  return true;
}
