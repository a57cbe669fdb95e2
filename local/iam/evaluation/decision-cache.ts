import type { Decision } from './decision';

/** How many decisions are kept before the cache starts over; a run has a few hundred distinct ones. */
const MAX_ENTRIES = 10_000;

/**
 * Decisions by principal, action, resource and the values of the condition keys the account's policies test: the
 * same request decides the same way, so the hot path (every SDK call of every function) costs one lookup.
 */
export class DecisionCache {
  private readonly decisions = new Map<string, Decision>();

  get(key: string): Decision | undefined {
    return this.decisions.get(key);
  }

  set(key: string, decision: Decision): void {
    if (this.decisions.size >= MAX_ENTRIES) this.decisions.clear();
    this.decisions.set(key, decision);
  }
}
