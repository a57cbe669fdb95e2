import type { Matcher, NumericRange } from '../compile/matcher';
import { ipRangeContains } from '../operators/ip-address';
import { isExcluded } from './exclusion';
import type { LeafValue } from './leaf-value';
import { ipHexOf, lowerCaseOf } from './value-facets';

/**
 * Whether one event value satisfies one matcher, tested directly. ValueIndex gives the same answers through
 * its tables; this is for an index holding a single matcher, the commonest case deep in a merged graph, where
 * reaching into a table costs more than the test. `exists: false` is absence, never a value test.
 */
export function matcherHolds(matcher: Matcher, value: LeafValue): boolean {
  switch (matcher.kind) {
    case 'exact-string':
    case 'exact-number':
    case 'exact-literal':
      return value === matcher.value;
    case 'exists':
      return matcher.present;
    case 'prefix':
      if (typeof value !== 'string') return false;
      return (matcher.ignoreCase ? lowerCaseOf(value) : value).startsWith(matcher.value);
    case 'suffix':
      if (typeof value !== 'string') return false;
      return (matcher.ignoreCase ? lowerCaseOf(value) : value).endsWith(matcher.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && lowerCaseOf(value) === matcher.value.toLowerCase();
    case 'wildcard':
      return typeof value === 'string' && matcher.pattern.test(value);
    case 'numeric':
      return typeof value === 'number' && inRange(matcher.range, value);
    case 'ip-range': {
      if (typeof value !== 'string') return false;
      const hex = ipHexOf(value);
      return hex !== undefined && ipRangeContains(matcher.range, hex);
    }
    case 'anything-but':
      return !isExcluded(matcher.exclusion, value);
  }
}

export function inRange(range: NumericRange, value: number): boolean {
  const aboveLower = range.lowerOpen ? value > range.lower : value >= range.lower;
  return aboveLower && (range.upperOpen ? value < range.upper : value <= range.upper);
}
