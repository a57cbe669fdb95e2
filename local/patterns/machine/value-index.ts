import type { Exclusion, Matcher, NumericRange, WildcardPattern } from '../compile/matcher';
import { ipRangeContains, type IpRange } from '../operators/ip-address';
import { AffixTable } from './affix-table';
import { grown } from './grown';
import { inRange, matcherHolds } from './matcher-holds';
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
const IGNORE_CASE_EXACT = 1 << 6;
const IGNORE_CASE_PREFIX = 1 << 7;
const IGNORE_CASE_SUFFIX = 1 << 8;
const IGNORE_CASE = IGNORE_CASE_EXACT | IGNORE_CASE_PREFIX | IGNORE_CASE_SUFFIX;
const WILDCARD = 1 << 9;
const NUMERIC = 1 << 10;
const IP_RANGE = 1 << 11;
const EXCLUSION = 1 << 12;

interface Indexed<T> {
  readonly operand: T;
  readonly condition: number;
}

// Scratch for one lookup at a time: wildcard tests call no engine code, so lookups never nest.
const wildcardCandidates: Indexed<WildcardPattern>[] = [];

/**
 * Every matcher on one field path, indexed so that one event value finds the conditions it satisfies by
 * hash lookups (exact, prefix, suffix, ignore-case) and short scans (ranges, wildcards, anything-but).
 * A merged graph holds one index per state and path, and most use one or two kinds of matcher: tables are
 * created on first use, so the graph stays small enough that the states an event visits share cache lines.
 */
export class ValueIndex {
  /** The first matcher, tested directly while it is the only one; tables are built when a second arrives. */
  private only: Matcher | undefined = undefined;
  private onlyCondition = 0;
  private kinds = 0;
  private exactStrings: Map<string, number[]> | undefined = undefined;
  private exactNumbers: Map<number, number[]> | undefined = undefined;
  private exactLiterals: Map<boolean | null, number[]> | undefined = undefined;
  private anyValue: number[] | undefined = undefined;
  private prefixes: AffixTable<number> | undefined = undefined;
  private suffixes: AffixTable<number> | undefined = undefined;
  private ignoreCaseExact: Map<string, number[]> | undefined = undefined;
  private ignoreCasePrefixes: AffixTable<number> | undefined = undefined;
  private ignoreCaseSuffixes: AffixTable<number> | undefined = undefined;
  private wildcards: AffixTable<Indexed<WildcardPattern>> | undefined = undefined;
  private numericRanges: Indexed<NumericRange>[] | undefined = undefined;
  private ipRanges: Indexed<IpRange>[] | undefined = undefined;
  private exclusions: Indexed<Exclusion>[] | undefined = undefined;

  /** Registers a matcher; `exists: false` is not a value matcher and is handled as absence by the caller. */
  add(matcher: Matcher, condition: number): void {
    if (matcher.kind === 'exists' && !matcher.present) return;
    if (this.only === undefined && this.kinds === 0) {
      this.only = matcher;
      this.onlyCondition = condition;
      return;
    }
    if (this.only !== undefined) {
      this.index(this.only, this.onlyCondition);
      this.only = undefined;
    }
    this.index(matcher, condition);
  }

  private index(matcher: Matcher, condition: number): void {
    switch (matcher.kind) {
      case 'exact-string':
        this.kinds |= EXACT_STRING;
        return addTo((this.exactStrings ??= new Map()), matcher.value, condition);
      case 'exact-number':
        this.kinds |= EXACT_NUMBER;
        return addTo((this.exactNumbers ??= new Map()), matcher.value, condition);
      case 'exact-literal':
        this.kinds |= EXACT_LITERAL;
        return addTo((this.exactLiterals ??= new Map()), matcher.value, condition);
      case 'exists':
        this.kinds |= ANY_VALUE;
        this.anyValue = grown(this.anyValue ?? [], condition);
        return;
      case 'prefix':
        if (matcher.ignoreCase) {
          this.kinds |= IGNORE_CASE_PREFIX;
          return (this.ignoreCasePrefixes ??= new AffixTable()).add(matcher.value, condition);
        }
        this.kinds |= PREFIX;
        return (this.prefixes ??= new AffixTable()).add(matcher.value, condition);
      case 'suffix':
        if (matcher.ignoreCase) {
          this.kinds |= IGNORE_CASE_SUFFIX;
          return (this.ignoreCaseSuffixes ??= new AffixTable()).add(matcher.value, condition);
        }
        this.kinds |= SUFFIX;
        return (this.suffixes ??= new AffixTable()).add(matcher.value, condition);
      case 'equals-ignore-case':
        this.kinds |= IGNORE_CASE_EXACT;
        return addTo((this.ignoreCaseExact ??= new Map()), matcher.value.toLowerCase(), condition);
      case 'wildcard':
        this.kinds |= WILDCARD;
        return (this.wildcards ??= new AffixTable()).add(matcher.pattern.literalPrefix, { operand: matcher.pattern, condition });
      case 'numeric':
        this.kinds |= NUMERIC;
        this.numericRanges = grown(this.numericRanges ?? [], { operand: matcher.range, condition });
        return;
      case 'ip-range':
        this.kinds |= IP_RANGE;
        this.ipRanges = grown(this.ipRanges ?? [], { operand: matcher.range, condition });
        return;
      case 'anything-but':
        this.kinds |= EXCLUSION;
        this.exclusions = grown(this.exclusions ?? [], { operand: matcher.exclusion, condition });
        return;
    }
  }

  /** Appends to `out` every condition this value satisfies (a condition may appear more than once). */
  collect(value: LeafValue, out: IdSink): void {
    const only = this.only;
    if (only !== undefined) {
      if (matcherHolds(only, value)) out.push(this.onlyCondition);
      return;
    }
    // A kind's bit is set exactly when its table exists, so each table below is defined where it is read.
    const kinds = this.kinds;
    if (kinds & ANY_VALUE) appendAll(this.anyValue, out);
    if (typeof value === 'string') {
      if (kinds & EXACT_STRING) appendAll((this.exactStrings as Map<string, number[]>).get(value), out);
      if (kinds & PREFIX) (this.prefixes as AffixTable<number>).collectInto(value, false, out);
      if (kinds & SUFFIX) (this.suffixes as AffixTable<number>).collectInto(value, true, out);
      if (kinds & IGNORE_CASE) {
        const lowerCase = lowerCaseOf(value);
        if (kinds & IGNORE_CASE_EXACT) appendAll((this.ignoreCaseExact as Map<string, number[]>).get(lowerCase), out);
        if (kinds & IGNORE_CASE_PREFIX) (this.ignoreCasePrefixes as AffixTable<number>).collectInto(lowerCase, false, out);
        if (kinds & IGNORE_CASE_SUFFIX) (this.ignoreCaseSuffixes as AffixTable<number>).collectInto(lowerCase, true, out);
      }
      if (kinds & WILDCARD) this.collectWildcards(value, out);
      if (kinds & IP_RANGE) this.collectIpRanges(value, out);
    } else if (typeof value === 'number') {
      if (kinds & EXACT_NUMBER) appendAll((this.exactNumbers as Map<number, number[]>).get(value), out);
      if (kinds & NUMERIC) this.collectNumericRanges(value, out);
    } else if (kinds & EXACT_LITERAL) {
      appendAll((this.exactLiterals as Map<boolean | null, number[]>).get(value), out);
    }
    if (kinds & EXCLUSION) this.collectExclusions(value, out);
  }

  private collectNumericRanges(value: number, out: IdSink): void {
    const ranges = this.numericRanges as Indexed<NumericRange>[];
    for (let index = 0; index < ranges.length; index++) {
      const { operand, condition } = ranges[index] as Indexed<NumericRange>;
      if (inRange(operand, value)) out.push(condition);
    }
  }

  private collectExclusions(value: LeafValue, out: IdSink): void {
    const exclusions = this.exclusions as Indexed<Exclusion>[];
    for (let index = 0; index < exclusions.length; index++) {
      const { operand, condition } = exclusions[index] as Indexed<Exclusion>;
      if (!isExcluded(operand, value)) out.push(condition);
    }
  }

  private collectWildcards(value: string, out: IdSink): void {
    const candidates = wildcardCandidates;
    candidates.length = 0;
    (this.wildcards as AffixTable<Indexed<WildcardPattern>>).collectInto(value, false, candidates);
    for (let index = 0; index < candidates.length; index++) {
      const { operand, condition } = candidates[index] as Indexed<WildcardPattern>;
      if (operand.test(value)) out.push(condition);
    }
  }

  private collectIpRanges(value: string, out: IdSink): void {
    const hex = ipHexOf(value);
    if (hex === undefined) return;
    const ranges = this.ipRanges as Indexed<IpRange>[];
    for (let index = 0; index < ranges.length; index++) {
      const { operand, condition } = ranges[index] as Indexed<IpRange>;
      if (ipRangeContains(operand, hex)) out.push(condition);
    }
  }
}

function addTo<K>(map: Map<K, number[]>, key: K, condition: number): void {
  const conditions = map.get(key);
  if (!conditions) map.set(key, [condition]);
  else if (!conditions.includes(condition)) conditions.push(condition);
}

function appendAll(conditions: readonly number[] | undefined, out: IdSink): void {
  if (conditions) for (let index = 0; index < conditions.length; index++) out.push(conditions[index] as number);
}
