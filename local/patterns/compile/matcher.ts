import type { IpRange } from '../operators/ip-address';

/** One alternative of a field's value list. A field condition holds if any of its matchers does. */
export type Matcher =
  | { readonly kind: 'exact-string'; readonly value: string }
  | { readonly kind: 'exact-number'; readonly value: number }
  | { readonly kind: 'exact-literal'; readonly value: boolean | null }
  | { readonly kind: 'prefix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly pattern: WildcardPattern }
  | { readonly kind: 'numeric'; readonly range: NumericRange }
  | { readonly kind: 'ip-range'; readonly range: IpRange }
  | { readonly kind: 'exists'; readonly present: boolean }
  | { readonly kind: 'anything-but'; readonly exclusion: Exclusion };

export interface NumericRange {
  readonly lower: number;
  readonly lowerOpen: boolean;
  readonly upper: number;
  readonly upperOpen: boolean;
}

export interface WildcardPattern {
  readonly source: string;
  /** Text before the first wildcard: only values starting with it can match. */
  readonly literalPrefix: string;
  readonly test: (value: string) => boolean;
}

/** What an anything-but excludes. Values of another type are never excluded. */
export type Exclusion =
  | { readonly kind: 'strings'; readonly values: ReadonlySet<string> }
  | { readonly kind: 'numbers'; readonly values: ReadonlySet<number> }
  | { readonly kind: 'strings-ignore-case'; readonly values: ReadonlySet<string> }
  | { readonly kind: 'prefixes'; readonly values: readonly string[] }
  | { readonly kind: 'suffixes'; readonly values: readonly string[] }
  | { readonly kind: 'wildcards'; readonly values: readonly WildcardPattern[] };

/** A flattened field of one $or branch: the dotted path and its OR'd matchers. */
export interface FieldCondition {
  readonly path: string;
  readonly matchers: readonly Matcher[];
}

/** One $or branch of a pattern: all its field conditions must hold (with array consistency). */
export type SubRule = readonly FieldCondition[];
