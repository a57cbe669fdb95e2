import type { Exclusion } from '../compile/matcher';
import type { LeafValue } from './leaf-value';
import { lowerCaseOf } from './value-facets';

/** Whether anything-but excludes this value. Values of a type the exclusion does not name are never excluded. */
export function isExcluded(exclusion: Exclusion, value: LeafValue): boolean {
  if (exclusion.kind === 'numbers') return typeof value === 'number' && exclusion.values.has(value);
  if (typeof value !== 'string') return false;
  switch (exclusion.kind) {
    case 'strings':
      return exclusion.values.has(value);
    case 'strings-ignore-case':
      return exclusion.values.has(lowerCaseOf(value));
    case 'prefixes':
      return exclusion.values.some((prefix) => value.startsWith(prefix));
    case 'suffixes':
      return exclusion.values.some((suffix) => value.endsWith(suffix));
    case 'wildcards':
      return exclusion.values.some((wildcard) => wildcard.test(value));
  }
}
