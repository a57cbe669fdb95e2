import type { Exclusion, Matcher, NumericRange, WildcardPattern } from '../compile/matcher';
import { ipRangeContains, type IpRange } from '../operators/ip-address';
import { AffixTable } from './affix-table';
import { isExcluded } from './exclusion';
import type { IdSink } from './id-sink';
import type { LeafValue } from './leaf-value';
import { ipHexOf, lowerCaseOf } from './value-facets';

// Which tables hold anything, so a lookup touches only those.
const ANY_VALUE = 1 << 0;
const EXACT_STRING = 1 << 1;
const EXACT_NUMBER = 1 << 2;
const EXACT_LITERAL = 1 << 3;
const PREFIX = 1 << 4;
const SUFFIX = 1 << 5;
const IGNORE_CASE = 1 << 6;
const WILDCARD = 1 << 7;
const NUMERIC = 1 << 8;
const IP_RANGE = 1 << 9;
const EXCLUSION = 1 << 10;

interface Indexed<T> {
  readonly operand: T;
  readonly condition: number;
}

/**
 * Every matcher on one field path, indexed so that one event value finds the conditions it satisfies by
 * hash lookups (exact, prefix, suffix, ignore-case) and short scans (ranges, wildcards, anything-but).
 */
export class ValueIndex {
  private readonly exactStrings = new Map<string, number[]>();
  private readonly exactNumbers = new Map<number, number[]>();
  private readonly exactLiterals = new Map<boolean | null, number[]>();
  private readonly anyValue: number[] = [];
  private readonly prefixes = new AffixTable<number>();
  private readonly suffixes = new AffixTable<number>();
  private readonly ignoreCaseExact = new Map<string, number[]>();
  private readonly ignoreCasePrefixes = new AffixTable<number>();
  private readonly ignoreCaseSuffixes = new AffixTable<number>();
  private readonly wildcards = new AffixTable<Indexed<WildcardPattern>>();
  private readonly numericRanges: Indexed<NumericRange>[] = [];
  private readonly ipRanges: Indexed<IpRange>[] = [];
  private readonly exclusions: Indexed<Exclusion>[] = [];
  private readonly wildcardCandidates: Indexed<WildcardPattern>[] = [];
  private kinds = 0;

  /** Registers a matcher; `exists: false` is not a value matcher and is handled as absence by the caller. */
  add(matcher: Matcher, condition: number): void {
    switch (matcher.kind) {
      case 'exact-string':
        this.kinds |= EXACT_STRING;
        return addTo(this.exactStrings, matcher.value, condition);
      case 'exact-number':
        this.kinds |= EXACT_NUMBER;
        return addTo(this.exactNumbers, matcher.value, condition);
      case 'exact-literal':
        this.kinds |= EXACT_LITERAL;
        return addTo(this.exactLiterals, matcher.value, condition);
      case 'exists':
        if (!matcher.present) return;
        this.kinds |= ANY_VALUE;
        this.anyValue.push(condition);
        return;
      case 'prefix':
      case 'suffix': {
        const fromEnd = matcher.kind === 'suffix';
        this.kinds |= matcher.ignoreCase ? IGNORE_CASE : fromEnd ? SUFFIX : PREFIX;
        const table = matcher.ignoreCase
          ? fromEnd ? this.ignoreCaseSuffixes : this.ignoreCasePrefixes
          : fromEnd ? this.suffixes : this.prefixes;
        return table.add(matcher.value, condition);
      }
      case 'equals-ignore-case':
        this.kinds |= IGNORE_CASE;
        return addTo(this.ignoreCaseExact, matcher.value.toLowerCase(), condition);
      case 'wildcard':
        this.kinds |= WILDCARD;
        return this.wildcards.add(matcher.pattern.literalPrefix, { operand: matcher.pattern, condition });
      case 'numeric':
        this.kinds |= NUMERIC;
        this.numericRanges.push({ operand: matcher.range, condition });
        return;
      case 'ip-range':
        this.kinds |= IP_RANGE;
        this.ipRanges.push({ operand: matcher.range, condition });
        return;
      case 'anything-but':
        this.kinds |= EXCLUSION;
        this.exclusions.push({ operand: matcher.exclusion, condition });
        return;
    }
  }

  get isEmpty(): boolean {
    return this.kinds === 0;
  }

  /** Appends to `out` every condition this value satisfies (a condition may appear more than once). */
  collect(value: LeafValue, out: IdSink): void {
    const kinds = this.kinds;
    if (kinds & ANY_VALUE) appendAll(this.anyValue, out);
    if (typeof value === 'string') {
      if (kinds & EXACT_STRING) appendAll(this.exactStrings.get(value), out);
      if (kinds & PREFIX) this.prefixes.collectInto(value, false, out);
      if (kinds & SUFFIX) this.suffixes.collectInto(value, true, out);
      if (kinds & IGNORE_CASE) {
        const lowerCase = lowerCaseOf(value);
        appendAll(this.ignoreCaseExact.get(lowerCase), out);
        if (!this.ignoreCasePrefixes.isEmpty) this.ignoreCasePrefixes.collectInto(lowerCase, false, out);
        if (!this.ignoreCaseSuffixes.isEmpty) this.ignoreCaseSuffixes.collectInto(lowerCase, true, out);
      }
      if (kinds & WILDCARD) this.collectWildcards(value, out);
      if (kinds & IP_RANGE) this.collectIpRanges(value, out);
    } else if (typeof value === 'number') {
      if (kinds & EXACT_NUMBER) appendAll(this.exactNumbers.get(value), out);
      if (kinds & NUMERIC) this.collectNumericRanges(value, out);
    } else if (kinds & EXACT_LITERAL) {
      appendAll(this.exactLiterals.get(value), out);
    }
    if (kinds & EXCLUSION) this.collectExclusions(value, out);
  }

  private collectNumericRanges(value: number, out: IdSink): void {
    const ranges = this.numericRanges;
    for (let index = 0; index < ranges.length; index++) {
      const { operand, condition } = ranges[index] as Indexed<NumericRange>;
      if (inRange(operand, value)) out.push(condition);
    }
  }

  private collectExclusions(value: LeafValue, out: IdSink): void {
    const exclusions = this.exclusions;
    for (let index = 0; index < exclusions.length; index++) {
      const { operand, condition } = exclusions[index] as Indexed<Exclusion>;
      if (!isExcluded(operand, value)) out.push(condition);
    }
  }

  private collectWildcards(value: string, out: IdSink): void {
    const candidates = this.wildcardCandidates;
    candidates.length = 0;
    this.wildcards.collectInto(value, false, candidates);
    for (let index = 0; index < candidates.length; index++) {
      const { operand, condition } = candidates[index] as Indexed<WildcardPattern>;
      if (operand.test(value)) out.push(condition);
    }
  }

  private collectIpRanges(value: string, out: IdSink): void {
    const hex = ipHexOf(value);
    if (hex === undefined) return;
    for (const { operand, condition } of this.ipRanges) if (ipRangeContains(operand, hex)) out.push(condition);
  }
}

function inRange(range: NumericRange, value: number): boolean {
  const aboveLower = range.lowerOpen ? value > range.lower : value >= range.lower;
  return aboveLower && (range.upperOpen ? value < range.upper : value <= range.upper);
}

function addTo<K>(map: Map<K, number[]>, key: K, condition: number): void {
  const conditions = map.get(key);
  if (!conditions) map.set(key, [condition]);
  else if (!conditions.includes(condition)) conditions.push(condition);
}

function appendAll(conditions: readonly number[] | undefined, out: IdSink): void {
  if (conditions) for (let index = 0; index < conditions.length; index++) out.push(conditions[index] as number);
}
