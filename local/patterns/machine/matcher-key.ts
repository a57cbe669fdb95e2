import type { Exclusion, FieldCondition, Matcher } from '../compile/matcher';

/** A canonical text for a field condition, so rules with the same condition share one transition. */
export function conditionKey(condition: FieldCondition): string {
  return `${condition.path}\u0000${condition.matchers.map(matcherKey).sort().join('\u0001')}`;
}

function matcherKey(matcher: Matcher): string {
  switch (matcher.kind) {
    case 'exact-string':
    case 'equals-ignore-case':
      return `${matcher.kind}:${matcher.value}`;
    case 'exact-number':
    case 'exact-literal':
      return `${matcher.kind}:${String(matcher.value)}`;
    case 'prefix':
    case 'suffix':
      return `${matcher.kind}:${matcher.ignoreCase}:${matcher.value}`;
    case 'wildcard':
      return `wildcard:${matcher.pattern.source}`;
    case 'numeric': {
      const { lower, lowerOpen, upper, upperOpen } = matcher.range;
      return `numeric:${lowerOpen ? '(' : '['}${lower},${upper}${upperOpen ? ')' : ']'}`;
    }
    case 'ip-range':
      return `ip:${matcher.range.low}-${matcher.range.high}`;
    case 'exists':
      return `exists:${matcher.present}`;
    case 'anything-but':
      return `anything-but:${exclusionKey(matcher.exclusion)}`;
  }
}

function exclusionKey(exclusion: Exclusion): string {
  const values =
    exclusion.kind === 'wildcards' ? exclusion.values.map((wildcard) => wildcard.source) : [...exclusion.values].map(String);
  return `${exclusion.kind}:${JSON.stringify(values.sort())}`;
}
