import type { LeafValue } from './leaf-value';
import { areConsistent, isConsistentWithAll, type ArrayMembership } from './array-membership';
import type { EventLeaves } from './event-leaves';
import { IdSink } from './id-sink';
import type { PathGroup, RuleGraph, RuleState } from './rule-graph';

/**
 * Follows the rule graph over one walked event. A transition is taken once per event value that satisfies its
 * condition, provided that value's array elements agree with those already chosen (array consistency).
 * `exists: false` is decided when a rule completes, against the values chosen for fields named before it,
 * which is the order event-ruler decides it in.
 */
export class GraphTraversal {
  private readonly chosen: ArrayMembership[] = [];
  private readonly chosenPaths: string[] = [];
  private readonly absentPaths: PathGroup[] = [];
  private readonly collected = new IdSink();
  private readonly matchedStamp: number[] = [];
  /** By state number: the last match that entered the state with no array constraints; that covers all others. */
  private unconstrainedVisits = new Float64Array(0);
  private matched: number[] = [];
  private stopAtFirst = false;
  private visit = 0;

  constructor(
    private readonly graph: RuleGraph,
    private readonly leaves: EventLeaves,
  ) {}

  /** Rules the walked event matches, in the order found; with `stopAtFirst`, at most one. */
  run(stopAtFirst: boolean): number[] {
    this.visit++;
    if (this.unconstrainedVisits.length < this.graph.stateCount) {
      // Stamps of earlier matches are all below this one, so the new array starting at 0 loses nothing.
      this.unconstrainedVisits = new Float64Array(Math.max(this.graph.stateCount, 2 * this.unconstrainedVisits.length));
    }
    this.matched = [];
    this.stopAtFirst = stopAtFirst;
    this.enter(this.graph.start);
    return this.matched;
  }

  private enter(state: RuleState): void {
    if (this.chosen.length === 0 && this.absentPaths.length === 0) {
      if (this.unconstrainedVisits[state.number] === this.visit) return;
      this.unconstrainedVisits[state.number] = this.visit;
    }
    if (state.completedRules.length > 0) this.complete(state.completedRules);
    const groups = state.groups;
    for (let index = 0; index < groups.length && !this.isDone(); index++) this.followGroup(groups[index] as PathGroup);
  }

  private followGroup(group: PathGroup): void {
    const leaves = this.leaves;
    const found = leaves.at(group.slot);
    const count = found.count;
    if (count > 0) {
      const values = found.values;
      const memberships = found.memberships;
      for (let index = 0; index < count; index++) {
        const membership = memberships[index] as ArrayMembership | null;
        if (membership !== null && !isConsistentWithAll(membership, this.chosen)) continue;
        this.followMatches(group, values[index] as LeafValue, membership);
      }
    }
    const absentNext = group.absentNext;
    if (absentNext !== undefined && !leaves.hasFreeValue(group.slot)) {
      this.absentPaths.push(group);
      for (const next of absentNext) if (!this.isDone()) this.enter(next);
      this.absentPaths.pop();
    }
  }

  // Deeper states append to the same sink past this value's range, then restore it.
  private followMatches(group: PathGroup, value: LeafValue, membership: ArrayMembership | null): void {
    if (typeof value === 'string' && group.hasExactStrings) {
      const exact = group.exactNext(value);
      if (exact) for (let position = 0; position < exact.length; position++) this.take(exact[position] as RuleState, membership);
    }
    const values = group.values;
    if (values === undefined) return;
    const sink = this.collected;
    const start = sink.count;
    values.collect(value, sink);
    const end = sink.count;
    const ids = sink.ids;
    for (let position = start; position < end && !this.isDone(); position++) {
      const id = ids[position] as number;
      if (ids.indexOf(id, start) < position) continue;
      this.take(group.next[id] as RuleState, membership);
    }
    sink.count = start;
  }

  private take(next: RuleState, membership: ArrayMembership | null): void {
    if (this.isDone()) return;
    if (membership === null) {
      this.enter(next);
      return;
    }
    this.chosen.push(membership);
    this.chosenPaths.push(next.path);
    this.enter(next);
    this.chosen.pop();
    this.chosenPaths.pop();
  }

  private complete(rules: readonly number[]): void {
    if (this.absentPaths.length > 0 && !this.absencesHold()) return;
    for (const rule of rules) {
      if (this.matchedStamp[rule] === this.visit) continue;
      this.matchedStamp[rule] = this.visit;
      this.matched.push(rule);
    }
  }

  private absencesHold(): boolean {
    return this.absentPaths.every((group) => !this.isPresentAlongside(group));
  }

  // Present if some value at the path agrees with every value chosen for a field whose name sorts before it.
  private isPresentAlongside(group: PathGroup): boolean {
    const found = this.leaves.at(group.slot);
    const count = found.count;
    const memberships = found.memberships;
    for (let index = 0; index < count; index++) {
      if (this.agreesWithEarlierFields(memberships[index] as ArrayMembership | null, group.path)) return true;
    }
    return false;
  }

  private agreesWithEarlierFields(membership: ArrayMembership | null, path: string): boolean {
    for (let position = 0; position < this.chosen.length; position++) {
      if ((this.chosenPaths[position] as string) >= path) continue;
      if (!areConsistent(membership, this.chosen[position] as ArrayMembership)) return false;
    }
    return true;
  }

  private isDone(): boolean {
    return this.stopAtFirst && this.matched.length > 0;
  }
}
