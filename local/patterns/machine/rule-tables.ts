import type { SubRule } from '../compile/matcher';
import { PathTrie } from './path-node';

/**
 * The merged structure of a rule set: one path trie whose value indexes point at numbered field conditions,
 * each belonging to one sub-rule ($or branch) of one rule.
 */
export class RuleTables {
  readonly trie = new PathTrie();
  /** Per condition: its sub-rule, and whether it can hold by the field being absent (`exists: false`). */
  readonly conditionSubRule: number[] = [];
  readonly conditionAllowsAbsent: boolean[] = [];
  readonly conditionPresenceSlot: number[] = [];
  /** Per sub-rule: its rule, its conditions in field-name order, and how many must see a matching value. */
  readonly subRuleRule: number[] = [];
  readonly subRuleConditions: number[][] = [];
  readonly subRuleRequired: number[] = [];
  /** Sub-rules that can hold with no matching value at all, so they are checked for every event. */
  readonly alwaysCandidates: number[] = [];
  presenceSlots = 0;

  add(rule: number, subRules: readonly SubRule[]): void {
    for (const subRule of subRules) this.addSubRule(rule, subRule);
  }

  private addSubRule(rule: number, subRule: SubRule): void {
    const subRuleId = this.subRuleRule.length;
    const conditions: number[] = [];
    let required = 0;
    for (const { path, matchers } of subRule) {
      const condition = this.conditionSubRule.length;
      const node = this.trie.node(path);
      const allowsAbsent = matchers.some((matcher) => matcher.kind === 'exists' && !matcher.present);
      if (allowsAbsent && node.presenceSlot === -1) node.presenceSlot = this.presenceSlots++;
      for (const matcher of matchers) {
        if (matcher.kind !== 'exists' || matcher.present) node.valueIndex().add(matcher, condition);
      }
      this.conditionSubRule.push(subRuleId);
      this.conditionAllowsAbsent.push(allowsAbsent);
      this.conditionPresenceSlot.push(allowsAbsent ? node.presenceSlot : -1);
      conditions.push(condition);
      if (!allowsAbsent) required++;
    }
    this.subRuleRule.push(rule);
    this.subRuleConditions.push(conditions);
    this.subRuleRequired.push(required);
    if (required === 0) this.alwaysCandidates.push(subRuleId);
  }
}
