import type { SubRule } from '../compile/matcher';
import { walkEvent } from './event-walker';
import { MatchScratch } from './match-scratch';
import { RuleTables } from './rule-tables';
import { isSubRuleSatisfied } from './sub-rule-check';

/**
 * Compiled rules merged into one structure keyed by field path and value: matching an event costs a walk
 * of the fields some rule names plus the conditions the event's values satisfy, whatever the rule count.
 * Rules are numbered by the caller. Adding is incremental; removal rebuilds the tables on the next match.
 */
export class PatternMachine {
  private readonly rules = new Map<number, readonly SubRule[]>();
  private tables = new RuleTables();
  private scratch = new MatchScratch(this.tables);
  private stale = false;
  private readonly matchedStamp: number[] = [];
  private matchCount = 0;

  get size(): number {
    return this.rules.size;
  }

  add(rule: number, subRules: readonly SubRule[]): void {
    if (this.rules.has(rule)) this.remove(rule);
    this.rules.set(rule, subRules);
    if (!this.stale) this.tables.add(rule, subRules);
  }

  remove(rule: number): boolean {
    const removed = this.rules.delete(rule);
    if (removed) this.stale = true;
    return removed;
  }

  /** The numbers of the rules the event matches, ascending. */
  match(event: object): number[] {
    const scratch = this.prepare();
    const tables = this.tables;
    const matched: number[] = [];
    const epoch = ++this.matchCount;
    const consider = (subRule: number): void => {
      const rule = tables.subRuleRule[subRule] as number;
      if (this.matchedStamp[rule] === epoch || !isSubRuleSatisfied(subRule, tables, scratch)) return;
      this.matchedStamp[rule] = epoch;
      matched.push(rule);
    };
    walkEvent(tables.trie.root, event, scratch);
    for (const subRule of scratch.candidates) consider(subRule);
    for (const subRule of tables.alwaysCandidates) consider(subRule);
    return matched.length > 1 ? matched.sort((a, b) => a - b) : matched;
  }

  /** Whether any rule matches; stops at the first. */
  matchesAny(event: object): boolean {
    const scratch = this.prepare();
    const tables = this.tables;
    walkEvent(tables.trie.root, event, scratch);
    const satisfied = (subRule: number): boolean => isSubRuleSatisfied(subRule, tables, scratch);
    return scratch.candidates.some(satisfied) || tables.alwaysCandidates.some(satisfied);
  }

  private prepare(): MatchScratch {
    if (this.stale) this.rebuild();
    this.scratch.begin();
    return this.scratch;
  }

  private rebuild(): void {
    this.tables = new RuleTables();
    for (const [rule, subRules] of this.rules) this.tables.add(rule, subRules);
    this.scratch = new MatchScratch(this.tables);
    this.stale = false;
  }
}
