/**
 * IAM's two wildcards: `*` (any run of characters, none included) and `?` (any one character). Compiled patterns
 * are kept, since the same policies are matched on every request.
 */
export type Matcher = (value: string) => boolean;

const REGEX_SPECIAL = /[.+^${}()|[\]\\/-]/g;
const compiled = new Map<string, Matcher>();

/** A whole-string matcher for `pattern`; with `ignoreCase`, letters match in either case, as Action matching does. */
export function wildcardMatcher(pattern: string, ignoreCase = false): Matcher {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  const known = compiled.get(cacheKey);
  if (known) return known;
  const matcher = build(pattern, ignoreCase);
  compiled.set(cacheKey, matcher);
  return matcher;
}

function build(pattern: string, ignoreCase: boolean): Matcher {
  if (pattern === '*') return () => true;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    if (!ignoreCase) return (value) => value === pattern;
    const lower = pattern.toLowerCase();
    return (value) => value.toLowerCase() === lower;
  }
  const source = pattern.replace(REGEX_SPECIAL, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  const expression = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
  return (value) => expression.test(value);
}
