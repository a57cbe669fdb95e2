import type { ArrayMembership } from './array-membership';
import type { LeafValue } from './leaf-value';
import type { PathPrefixes, RouteSplit } from './path-route';

/** Values found at one path of one event, each with the array elements it came from. */
class Found<T> {
  stamp = 0;
  count = 0;
  readonly values: T[] = [];
  readonly memberships: Array<ArrayMembership | null> = [];
  /** Equals the epoch when some value sat outside any array, so it is present whatever else is chosen. */
  freeStamp = 0;
}

/**
 * The event's leaf values at the paths rules name, with the array elements each came from. A path is read
 * only when the rule graph first asks for it, and the objects at each prefix are found once per event, so
 * parts of the event no live state cares about are never visited.
 */
export class EventLeaves {
  private epoch = 0;
  private prefixes: PathPrefixes | undefined;
  private readonly objects: Array<Found<object>> = [];
  private readonly leaves: Array<Found<LeafValue>> = [];

  begin(event: object, prefixes: PathPrefixes): void {
    this.epoch++;
    this.prefixes = prefixes;
    while (this.objects.length < prefixes.splits.length) {
      this.objects.push(new Found());
      this.leaves.push(new Found());
    }
    const root = this.objects[0] as Found<object>;
    root.stamp = this.epoch;
    root.count = 1;
    root.values[0] = event;
    root.memberships[0] = null;
  }

  /** The event's leaf values at the path, read on first use; only the first `count` entries are this event's. */
  at(path: number): Found<LeafValue> {
    const found = this.leaves[path] as Found<LeafValue>;
    if (found.stamp !== this.epoch) this.read(path, found, false);
    return found;
  }

  /** Whether some value at the path sat outside any array, so it is present whatever else is chosen. */
  hasFreeValue(path: number): boolean {
    const found = this.at(path);
    return found.count > 0 && found.freeStamp === this.epoch;
  }

  private objectsAt(prefix: number): Found<object> {
    const found = this.objects[prefix] as Found<object>;
    if (found.stamp !== this.epoch) this.read(prefix, found, true);
    return found;
  }

  private read(path: number, found: Found<LeafValue> | Found<object>, wantObjects: boolean): void {
    found.stamp = this.epoch;
    found.count = 0;
    const splits = (this.prefixes as PathPrefixes).splits[path] as RouteSplit[];
    for (let index = 0; index < splits.length; index++) {
      const split = splits[index] as RouteSplit;
      const parents = this.objectsAt(split.prefix);
      for (let parent = 0; parent < parents.count; parent++) {
        const object = parents.values[parent] as Record<string, unknown>;
        const value = object[split.key];
        if (value === undefined || (split.inherited && !Object.prototype.hasOwnProperty.call(object, split.key))) continue;
        this.collect(value, parents.memberships[parent] as ArrayMembership | null, found, wantObjects);
      }
    }
  }

  private collect(value: unknown, membership: ArrayMembership | null, found: Found<unknown>, wantObjects: boolean): void {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        this.collect(value[index], { array: value, index, outer: membership }, found, wantObjects);
      }
      return;
    }
    const isObject = typeof value === 'object' && value !== null;
    const isLeaf = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (wantObjects ? !isObject : !isLeaf) return;
    const count = found.count;
    found.values[count] = value;
    found.memberships[count] = membership;
    found.count = count + 1;
    if (membership === null) found.freeStamp = this.epoch;
  }
}
