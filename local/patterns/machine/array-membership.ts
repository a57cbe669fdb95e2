/**
 * Where a value sits in the event's arrays: the element index in each enclosing array, innermost first.
 * Values inside the same array at different indexes come from different elements, and one pattern object
 * may not combine them.
 */
export interface ArrayMembership {
  readonly array: readonly unknown[];
  readonly index: number;
  readonly outer: ArrayMembership | null;
}

export function areConsistent(a: ArrayMembership | null, b: ArrayMembership | null): boolean {
  for (let left = a; left !== null; left = left.outer) {
    for (let right = b; right !== null; right = right.outer) {
      if (left.array === right.array && left.index !== right.index) return false;
    }
  }
  return true;
}

export function isConsistentWithAll(membership: ArrayMembership, chosen: readonly ArrayMembership[]): boolean {
  for (let index = 0; index < chosen.length; index++) {
    if (!areConsistent(membership, chosen[index] as ArrayMembership)) return false;
  }
  return true;
}
