import type { FieldCondition, Matcher, SubRule } from '../compile/matcher';
import { conditionKey } from './matcher-key';
import { PathPrefixes } from './path-route';
import { grown } from './grown';
import { ValueIndex } from './value-index';

/**
 * The conditions leaving one state on one field path, with their matchers indexed by value. Tables are created
 * on first use: a graph of 1,000 rules has thousands of groups, and empty tables would spread the few an
 * event reads over many more cache lines.
 */
export class PathGroup {
  /**
   * Exact string matchers, the commonest kind, lead straight to their states. While the group names one string
   * (as most deep in a merged graph do) it is compared directly; a second moves both into a map.
   */
  private onlyExact: string | undefined = undefined;
  private onlyExactNext: RuleState[] | undefined = undefined;
  private exactStrings: Map<string, RuleState[]> | undefined = undefined;
  /** Every other matcher, by condition number. */
  values: ValueIndex | undefined = undefined;
  /** The state each condition leads to, by condition number. */
  next: RuleState[] = [];
  /** States reached when the field is absent (`exists: false`). */
  absentNext: RuleState[] | undefined = undefined;

  constructor(readonly path: string, readonly slot: number) {}

  get hasExactStrings(): boolean {
    return this.onlyExact !== undefined || this.exactStrings !== undefined;
  }

  /** The states an exact string match of the value leads to. */
  exactNext(value: string): RuleState[] | undefined {
    if (this.onlyExact !== undefined) return value === this.onlyExact ? this.onlyExactNext : undefined;
    return this.exactStrings?.get(value);
  }

  addExactString(value: string, next: RuleState): void {
    if (this.onlyExact === value) {
      const states = this.onlyExactNext as RuleState[];
      if (!states.includes(next)) states.push(next);
      return;
    }
    if (this.onlyExact === undefined && this.exactStrings === undefined) {
      this.onlyExact = value;
      this.onlyExactNext = [next];
      return;
    }
    if (this.onlyExact !== undefined) {
      this.exactStrings = new Map([[this.onlyExact, this.onlyExactNext as RuleState[]]]);
      this.onlyExact = undefined;
      this.onlyExactNext = undefined;
    }
    const exactStrings = this.exactStrings as Map<string, RuleState[]>;
    const states = exactStrings.get(value);
    if (!states) exactStrings.set(value, [next]);
    else if (!states.includes(next)) states.push(next);
  }
}

/**
 * A point reached once some leading conditions of one or more sub-rules hold. A state is reached by one
 * condition only, so it carries that condition's path instead of a separate transition object: one pointer
 * fewer to follow per step.
 */
export class RuleState {
  groups: PathGroup[] = NO_GROUPS;
  /** Rules whose every condition holds on reaching this state. */
  completedRules: number[] = NO_RULES;

  /**
   * @param path the field path of the condition leading here ('' for the start state)
   * @param number the state's number in its graph, from 0, which indexes per-match bookkeeping kept outside the
   *   graph: matching only reads the graph, so its cache lines are never dirtied
   */
  constructor(
    readonly path: string,
    readonly number: number,
  ) {}

  group(path: string, slot: number): PathGroup {
    let group = this.groups.find((candidate) => candidate.path === path);
    if (!group) {
      group = new PathGroup(path, slot);
      this.groups = grown(this.groups, group);
    }
    return group;
  }

  complete(rule: number): void {
    if (!this.completedRules.includes(rule)) this.completedRules = grown(this.completedRules, rule);
  }
}

// Most states lead nowhere further: they share these until something is added.
const NO_GROUPS: PathGroup[] = [];
const NO_RULES: number[] = [];

/**
 * All rules merged into one graph, event-ruler style: each sub-rule ($or branch) is a chain of field
 * conditions from the start state, and rules sharing leading conditions share states. Conditions are chained
 * source and detail-type first (nearly every rule names them), then most selective first (exact values before
 * ranges before anything-but, fewer alternatives first), so an event explores only the few states its values
 * lead to.
 */
export class RuleGraph {
  readonly start = new RuleState('', 0);
  /** States created so far; state numbers are below it. */
  stateCount = 1;
  /** Every path rules name, numbered, with how to read it from an event. */
  readonly paths = new PathPrefixes();
  /** Each group's next states by condition key, so equal conditions share one; only adding reads it. */
  private readonly transitionsByKey = new Map<PathGroup, Map<string, RuleState>>();

  add(rule: number, subRules: readonly SubRule[]): void {
    for (const subRule of subRules) {
      let state = this.start;
      for (const condition of [...subRule].sort(bySelectivity)) state = this.follow(state, condition);
      state.complete(rule);
    }
  }

  private follow(state: RuleState, condition: FieldCondition): RuleState {
    const group = state.group(condition.path, this.paths.number(condition.path));
    let byKey = this.transitionsByKey.get(group);
    if (!byKey) {
      byKey = new Map();
      this.transitionsByKey.set(group, byKey);
    }
    const key = conditionKey(condition);
    const existing = byKey.get(key);
    if (existing) return existing;
    const next = new RuleState(condition.path, this.stateCount++);
    const id = group.next.length;
    group.next = grown(group.next, next);
    byKey.set(key, next);
    for (const matcher of condition.matchers) {
      if (matcher.kind === 'exists' && !matcher.present) group.absentNext = grown(group.absentNext ?? [], next);
      else if (matcher.kind === 'exact-string') group.addExactString(matcher.value, next);
      else (group.values ??= new ValueIndex()).add(matcher, id);
    }
    return next;
  }
}

// Envelope fields nearly every rule names come first, whatever their operator, so rules share leading states.
const ENVELOPE_ORDER: ReadonlyMap<string, number> = new Map([
  ['source', 0],
  ['detail-type', 1],
]);

// Envelope fields, then stronger kinds, then fewer alternatives; the path breaks ties so that equal
// conditions line up and share states.
function bySelectivity(a: FieldCondition, b: FieldCondition): number {
  const envelope = (ENVELOPE_ORDER.get(a.path) ?? ENVELOPE_ORDER.size) - (ENVELOPE_ORDER.get(b.path) ?? ENVELOPE_ORDER.size);
  if (envelope !== 0) return envelope;
  const rank = selectivityRank(a) - selectivityRank(b);
  if (rank !== 0) return rank;
  const alternatives = a.matchers.length - b.matchers.length;
  if (alternatives !== 0) return alternatives;
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function selectivityRank(condition: FieldCondition): number {
  return Math.max(...condition.matchers.map(matcherRank));
}

function matcherRank(matcher: Matcher): number {
  switch (matcher.kind) {
    case 'exact-string':
    case 'exact-number':
    case 'exact-literal':
    case 'equals-ignore-case':
      return 0;
    case 'prefix':
    case 'suffix':
    case 'wildcard':
    case 'ip-range':
      return 1;
    case 'numeric':
      return 2;
    case 'anything-but':
    case 'exists':
      return matcher.kind === 'exists' && !matcher.present ? 4 : 3;
  }
}
