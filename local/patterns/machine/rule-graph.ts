import type { FieldCondition, Matcher, SubRule } from '../compile/matcher';
import { conditionKey } from './matcher-key';
import { PathPrefixes } from './path-route';
import { ValueIndex } from './value-index';

/** Moving on from a state once one field condition holds. */
export interface Transition {
  readonly next: RuleState;
  readonly path: string;
}

/**
 * The conditions leaving one state on one field path, with their matchers indexed by value. Tables are created
 * on first use: a graph of 1,000 rules has thousands of groups, and empty tables would spread the few an
 * event reads over many more cache lines.
 */
export class PathGroup {
  /** Exact string matchers, the commonest kind, map straight to their transitions. */
  exactStrings: Map<string, Transition[]> | undefined = undefined;
  /** Every other matcher, by transition number. */
  values: ValueIndex | undefined = undefined;
  readonly transitions: Transition[] = [];
  /** Transitions whose condition also holds when the field is absent (`exists: false`). */
  absentTransitions: Transition[] | undefined = undefined;

  constructor(readonly path: string, readonly slot: number) {}
}

/** A point reached once some leading conditions of one or more sub-rules hold. */
export class RuleState {
  readonly groups: PathGroup[] = [];
  /** Rules whose every condition holds on reaching this state. */
  readonly completedRules: number[] = [];
  /** Stamp of the last match that reached this state with no array constraints; such a visit covers all others. */
  unconstrainedVisit = 0;

  group(path: string, slot: number): PathGroup {
    let group = this.groups.find((candidate) => candidate.path === path);
    if (!group) {
      group = new PathGroup(path, slot);
      this.groups.push(group);
    }
    return group;
  }
}

/**
 * All rules merged into one graph, event-ruler style: each sub-rule ($or branch) is a chain of field
 * conditions from the start state, and rules sharing leading conditions share states. Conditions are chained
 * source and detail-type first (nearly every rule names them), then most selective first (exact values before
 * ranges before anything-but, fewer alternatives first), so an event explores only the few states its values
 * lead to.
 */
export class RuleGraph {
  readonly start = new RuleState();
  /** Every path rules name, numbered, with how to read it from an event. */
  readonly paths = new PathPrefixes();
  /** Each group's transitions by condition key, so equal conditions share one; only adding reads it. */
  private readonly transitionsByKey = new Map<PathGroup, Map<string, Transition>>();

  add(rule: number, subRules: readonly SubRule[]): void {
    for (const subRule of subRules) {
      let state = this.start;
      for (const condition of [...subRule].sort(bySelectivity)) state = this.follow(state, condition);
      if (!state.completedRules.includes(rule)) state.completedRules.push(rule);
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
    if (existing) return existing.next;
    const transition: Transition = { next: new RuleState(), path: condition.path };
    const id = group.transitions.length;
    group.transitions.push(transition);
    byKey.set(key, transition);
    for (const matcher of condition.matchers) {
      if (matcher.kind === 'exists' && !matcher.present) (group.absentTransitions ??= []).push(transition);
      else if (matcher.kind === 'exact-string') addExactString((group.exactStrings ??= new Map()), matcher.value, transition);
      else (group.values ??= new ValueIndex()).add(matcher, id);
    }
    return transition.next;
  }
}

function addExactString(exactStrings: Map<string, Transition[]>, value: string, transition: Transition): void {
  const transitions = exactStrings.get(value);
  if (!transitions) exactStrings.set(value, [transition]);
  else if (!transitions.includes(transition)) transitions.push(transition);
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
