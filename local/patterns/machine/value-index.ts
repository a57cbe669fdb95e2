import type { Exclusion, Matcher, NumericRange, WildcardPattern } from '../compile/matcher';
import { ipRangeContains, type IpRange } from '../operators/ip-address';
import { AffixTable } from './affix-table';
import { isExcluded } from './exclusion';
import type { IdSink } from './id-sink';
import type { LeafValue } from './leaf-value';
import { ipHexOf, lowerCaseOf } from './value-facets';

const NONE: readonly number[] = [];

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
  private needsLowerCase = false;
  /** True while every matcher is an exact string: then `exactStringMatches` alone answers a string value. */
  private onlyExactStrings = true;

  /** Registers a matcher; `exists: false` is not a value matcher and is handled as absence by the caller. */
  add(matcher: Matcher, condition: number): void {
    if (matcher.kind !== 'exact-string') this.onlyExactStrings = false;
    switch (matcher.kind) {
      case 'exact-string':
        return addTo(this.exactStrings, matcher.value, condition);
      case 'exact-number':
        return addTo(this.exactNumbers, matcher.value, condition);
      case 'exact-literal':
        return addTo(this.exactLiterals, matcher.value, condition);
      case 'exists':
        if (matcher.present) this.anyValue.push(condition);
        return;
      case 'prefix':
      case 'suffix': {
        const fromEnd = matcher.kind === 'suffix';
        if (matcher.ignoreCase) this.needsLowerCase = true;
        const table = matcher.ignoreCase
          ? fromEnd ? this.ignoreCaseSuffixes : this.ignoreCasePrefixes
          : fromEnd ? this.suffixes : this.prefixes;
        return table.add(matcher.value, condition);
      }
      case 'equals-ignore-case':
        this.needsLowerCase = true;
        return addTo(this.ignoreCaseExact, matcher.value.toLowerCase(), condition);
      case 'wildcard':
        return this.wildcards.add(matcher.pattern.literalPrefix, { operand: matcher.pattern, condition });
      case 'numeric':
        this.numericRanges.push({ operand: matcher.range, condition });
        return;
      case 'ip-range':
        this.ipRanges.push({ operand: matcher.range, condition });
        return;
      case 'anything-but':
        if (matcher.exclusion.kind === 'strings-ignore-case') this.needsLowerCase = true;
        this.exclusions.push({ operand: matcher.exclusion, condition });
        return;
    }
  }

  /**
   * The distinct conditions an exact string lookup finds, when that is all this index holds; otherwise
   * undefined, and `collect` must be used.
   */
  exactStringMatches(value: LeafValue): readonly number[] | undefined {
    if (!this.onlyExactStrings) return undefined;
    return (typeof value === 'string' && this.exactStrings.get(value)) || NONE;
  }

  /** Appends to `out` every condition this value satisfies (a condition may appear more than once). */
  collect(value: LeafValue, out: IdSink): void {
    appendAll(this.anyValue, out);
    let lowerCase: string | undefined;
    if (typeof value === 'string') {
      appendAll(this.exactStrings.get(value), out);
      if (!this.prefixes.isEmpty) this.prefixes.collectInto(value, false, out);
      if (!this.suffixes.isEmpty) this.suffixes.collectInto(value, true, out);
      if (this.needsLowerCase) {
        lowerCase = lowerCaseOf(value);
        appendAll(this.ignoreCaseExact.get(lowerCase), out);
        if (!this.ignoreCasePrefixes.isEmpty) this.ignoreCasePrefixes.collectInto(lowerCase, false, out);
        if (!this.ignoreCaseSuffixes.isEmpty) this.ignoreCaseSuffixes.collectInto(lowerCase, true, out);
      }
      if (!this.wildcards.isEmpty) this.collectWildcards(value, out);
      if (this.ipRanges.length > 0) this.collectIpRanges(value, out);
    } else if (typeof value === 'number') {
      appendAll(this.exactNumbers.get(value), out);
      const ranges = this.numericRanges;
      for (let index = 0; index < ranges.length; index++) {
        const { operand, condition } = ranges[index] as Indexed<NumericRange>;
        if (inRange(operand, value)) out.push(condition);
      }
    } else {
      appendAll(this.exactLiterals.get(value), out);
    }
    const exclusions = this.exclusions;
    for (let index = 0; index < exclusions.length; index++) {
      const { operand, condition } = exclusions[index] as Indexed<Exclusion>;
      if (!isExcluded(operand, value, lowerCase)) out.push(condition);
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
