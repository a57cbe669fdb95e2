import type { SubRule } from '../compile/matcher';
import { EventLeaves } from './event-leaves';
import { GraphTraversal } from './graph-traversal';
import { RuleGraph } from './rule-graph';

/**
 * Compiled rules merged into one graph keyed by field path and value: matching an event costs the states its
 * values lead to and the fields those states read, not a pass over every rule or every field. Rules are numbered
 * by the caller. Adding is incremental; removal rebuilds the graph on the next match.
 */
export class PatternMachine {
  private readonly rules = new Map<number, readonly SubRule[]>();
  private graph = new RuleGraph();
  private readonly leaves = new EventLeaves();
  private traversal = new GraphTraversal(this.graph, this.leaves);
  private stale = false;

  add(rule: number, subRules: readonly SubRule[]): void {
    if (this.rules.has(rule)) this.remove(rule);
    this.rules.set(rule, subRules);
    if (!this.stale) this.graph.add(rule, subRules);
  }

  remove(rule: number): boolean {
    const removed = this.rules.delete(rule);
    if (removed) this.stale = true;
    return removed;
  }

  /** The numbers of the rules the event matches, ascending. */
  match(event: object): number[] {
    return sortAscending(this.traverse(event, false));
  }

  /** Whether any rule matches; stops at the first. */
  matchesAny(event: object): boolean {
    return this.traverse(event, true).length > 0;
  }

  private traverse(event: object, stopAtFirst: boolean): number[] {
    if (this.stale) this.rebuild();
    this.leaves.begin(event, this.graph.paths);
    return this.traversal.run(stopAtFirst);
  }

  private rebuild(): void {
    this.graph = new RuleGraph();
    for (const [rule, subRules] of this.rules) this.graph.add(rule, subRules);
    this.traversal = new GraphTraversal(this.graph, this.leaves);
    this.stale = false;
  }
}

// Matches are few; an insertion sort avoids the comparator calls of Array.prototype.sort.
function sortAscending(numbers: number[]): number[] {
  for (let index = 1; index < numbers.length; index++) {
    const value = numbers[index] as number;
    let position = index - 1;
    while (position >= 0 && (numbers[position] as number) > value) {
      numbers[position + 1] = numbers[position] as number;
      position--;
    }
    numbers[position + 1] = value;
  }
  return numbers;
}
