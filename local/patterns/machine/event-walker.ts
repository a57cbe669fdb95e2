import type { ArrayMembership } from './array-membership';
import type { LeafValue } from './leaf-value';
import type { MatchScratch } from './match-scratch';
import type { PathNode } from './path-node';

// Past this many child keys, iterating the event object's own keys is cheaper than probing each child key.
const PROBE_LIMIT = 16;

/**
 * Visits only the parts of the event that some rule names, flattening nested objects and arrays into
 * field paths and recording, per leaf value, the conditions it satisfies and the array elements it came from.
 */
export function walkEvent(root: PathNode, event: object, scratch: MatchScratch): void {
  walkObject(root, event as Record<string, unknown>, null, scratch);
}

function walkObject(
  node: PathNode,
  object: Record<string, unknown>,
  membership: ArrayMembership | null,
  scratch: MatchScratch,
): void {
  const keys = node.childKeys;
  if (keys.length > PROBE_LIMIT) {
    for (const key in object) {
      const child = node.child(key);
      if (child && Object.prototype.hasOwnProperty.call(object, key)) walkValue(child, object[key], membership, scratch);
    }
    return;
  }
  const inherited = node.childKeyInherited;
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string;
    const value = object[key];
    if (value === undefined) continue;
    if (inherited[index] && !Object.prototype.hasOwnProperty.call(object, key)) continue;
    walkValue(node.childNodes[index] as PathNode, value, membership, scratch);
  }
}

function walkValue(node: PathNode, value: unknown, membership: ArrayMembership | null, scratch: MatchScratch): void {
  if (typeof value === 'object') {
    if (value === null) {
      visitLeaf(node, null, membership, scratch);
    } else if (Array.isArray(value)) {
      const arrayId = ++scratch.arrayCount;
      for (let index = 0; index < value.length; index++) {
        walkValue(node, value[index], { arrayId, index, outer: membership }, scratch);
      }
    } else if (node.childKeys.length > 0) {
      walkObject(node, value as Record<string, unknown>, membership, scratch);
    }
    return;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    visitLeaf(node, value, membership, scratch);
  }
}

function visitLeaf(node: PathNode, value: LeafValue, membership: ArrayMembership | null, scratch: MatchScratch): void {
  if (node.presenceSlot !== -1) scratch.recordOccurrence(node.presenceSlot, membership);
  const values = node.values;
  if (values === undefined) return;
  const collected = scratch.collected;
  collected.length = 0;
  values.collect(value, collected);
  for (let index = 0; index < collected.length; index++) scratch.recordHit(collected[index] as number, membership);
}
