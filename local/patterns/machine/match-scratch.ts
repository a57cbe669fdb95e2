import type { ArrayMembership } from './array-membership';
import type { RuleTables } from './rule-tables';

/**
 * What one event did to the rule tables: which conditions saw a matching value (and from which array
 * elements), which sub-rules saw all their required conditions, which tracked paths were present.
 * Entries are valid only when their stamp equals the current epoch, so nothing is cleared between events.
 */
export class MatchScratch {
  epoch = 0;
  arrayCount = 0;
  readonly conditionStamp: number[] = [];
  /** Equals the epoch when a matching value sat outside any array, which no other choice can contradict. */
  readonly conditionFreeStamp: number[] = [];
  readonly conditionHits: ArrayMembership[][] = [];
  readonly subRuleStamp: number[] = [];
  readonly subRuleSeen: number[] = [];
  readonly presenceStamp: number[] = [];
  readonly presenceFreeStamp: number[] = [];
  readonly presenceOccurrences: ArrayMembership[][] = [];
  readonly candidates: number[] = [];
  /** Reused buffer for the conditions one value satisfies. */
  readonly collected: number[] = [];

  constructor(private readonly tables: RuleTables) {}

  begin(): void {
    this.epoch++;
    this.arrayCount = 0;
    this.candidates.length = 0;
    grow(this.conditionStamp, this.tables.conditionSubRule.length, () => 0);
    grow(this.conditionFreeStamp, this.tables.conditionSubRule.length, () => 0);
    grow(this.conditionHits, this.tables.conditionSubRule.length, () => []);
    grow(this.subRuleStamp, this.tables.subRuleRule.length, () => 0);
    grow(this.subRuleSeen, this.tables.subRuleRule.length, () => 0);
    grow(this.presenceStamp, this.tables.presenceSlots, () => 0);
    grow(this.presenceFreeStamp, this.tables.presenceSlots, () => 0);
    grow(this.presenceOccurrences, this.tables.presenceSlots, () => []);
  }

  recordHit(condition: number, membership: ArrayMembership | null): void {
    const epoch = this.epoch;
    if (this.conditionStamp[condition] !== epoch) {
      this.conditionStamp[condition] = epoch;
      (this.conditionHits[condition] as ArrayMembership[]).length = 0;
      if (!this.tables.conditionAllowsAbsent[condition]) this.countRequired(this.tables.conditionSubRule[condition] as number);
    }
    if (membership === null) this.conditionFreeStamp[condition] = epoch;
    else (this.conditionHits[condition] as ArrayMembership[]).push(membership);
  }

  recordOccurrence(slot: number, membership: ArrayMembership | null): void {
    const epoch = this.epoch;
    if (this.presenceStamp[slot] !== epoch) {
      this.presenceStamp[slot] = epoch;
      (this.presenceOccurrences[slot] as ArrayMembership[]).length = 0;
    }
    if (membership === null) this.presenceFreeStamp[slot] = epoch;
    else (this.presenceOccurrences[slot] as ArrayMembership[]).push(membership);
  }

  private countRequired(subRule: number): void {
    if (this.subRuleStamp[subRule] !== this.epoch) {
      this.subRuleStamp[subRule] = this.epoch;
      this.subRuleSeen[subRule] = 0;
    }
    const seen = (this.subRuleSeen[subRule] as number) + 1;
    this.subRuleSeen[subRule] = seen;
    if (seen === this.tables.subRuleRequired[subRule]) this.candidates.push(subRule);
  }
}

function grow<T>(array: T[], length: number, fill: () => T): void {
  while (array.length < length) array.push(fill());
}
