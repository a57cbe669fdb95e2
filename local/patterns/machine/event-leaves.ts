import type { ArrayMembership } from './array-membership';
import type { LeafValue } from './leaf-value';
import type { PathRoute, RouteStep } from './path-route';

/**
 * The event's leaf values at the paths rules name, per path slot, with the array elements each came from.
 * A path is read from the event only when the rule graph first asks for it, so parts of the event no live
 * state cares about are never visited. Entries are valid while their stamp equals the current epoch.
 */
export class EventLeaves {
  private epoch = 0;
  private event: object = {};
  private routes: readonly PathRoute[] = [];
  private readonly stamps: number[] = [];
  private readonly counts: number[] = [];
  private readonly values: LeafValue[][] = [];
  private readonly memberships: Array<Array<ArrayMembership | null>> = [];
  /** Equals the epoch when some value at the slot sat outside any array, so it is present whatever else is chosen. */
  private readonly freeStamps: number[] = [];
  /** Arrays met so far in this event, so every path through one array agrees on its identity. */
  private readonly arrayIds = new Map<readonly unknown[], number>();
  private slot = 0;

  begin(event: object, routes: readonly PathRoute[]): void {
    this.epoch++;
    this.event = event;
    this.routes = routes;
    if (this.arrayIds.size > 0) this.arrayIds.clear();
    while (this.stamps.length < routes.length) {
      this.stamps.push(0);
      this.counts.push(0);
      this.freeStamps.push(0);
      this.values.push([]);
      this.memberships.push([]);
    }
  }

  /** How many values the event holds at the slot's path (reading them on first use). */
  count(slot: number): number {
    if (this.stamps[slot] !== this.epoch) this.read(slot);
    return this.counts[slot] as number;
  }

  /** The slot's values; only the first `count(slot)` entries belong to this event. */
  valuesAt(slot: number): readonly LeafValue[] {
    return this.values[slot] as LeafValue[];
  }

  membershipsAt(slot: number): ReadonlyArray<ArrayMembership | null> {
    return this.memberships[slot] as Array<ArrayMembership | null>;
  }

  hasFreeValue(slot: number): boolean {
    return this.count(slot) > 0 && this.freeStamps[slot] === this.epoch;
  }

  private read(slot: number): void {
    this.stamps[slot] = this.epoch;
    this.counts[slot] = 0;
    this.slot = slot;
    const route = this.routes[slot] as PathRoute;
    if (!this.readPlainPath(route)) this.descend(this.event, route, 0, null);
  }

  // Most paths cross no array and no dotted key: follow them with plain lookups. Returns false, having recorded
  // nothing, when the event needs the general search.
  private readPlainPath(route: PathRoute): boolean {
    let current: unknown = this.event;
    const segments = route.segments;
    for (let segment = 0; segment < segments.length; segment++) {
      if (typeof current !== 'object' || current === null) return true;
      if (Array.isArray(current)) return false;
      const object = current as Record<string, unknown>;
      const steps = route.steps[segment] as readonly RouteStep[];
      for (let alternative = 1; alternative < steps.length; alternative++) {
        if (object[(steps[alternative] as RouteStep).key] !== undefined) return false;
      }
      const step = steps[0] as RouteStep;
      current = object[step.key];
      if (step.inherited && !Object.prototype.hasOwnProperty.call(object, step.key)) return true;
    }
    if (current === null || isScalar(current)) this.record(current, null);
    else if (Array.isArray(current)) return false;
    return true;
  }

  private descend(value: unknown, route: PathRoute, segment: number, membership: ArrayMembership | null): void {
    if (typeof value !== 'object') {
      if (segment === route.segments.length && isScalar(value)) this.record(value, membership);
      return;
    }
    if (value === null) {
      if (segment === route.segments.length) this.record(null, membership);
    } else if (Array.isArray(value)) {
      const arrayId = this.arrayId(value);
      for (let index = 0; index < value.length; index++) {
        this.descend(value[index], route, segment, { arrayId, index, outer: membership });
      }
    } else if (segment < route.segments.length) {
      const object = value as Record<string, unknown>;
      const steps = route.steps[segment] as readonly RouteStep[];
      for (let index = 0; index < steps.length; index++) {
        const step = steps[index] as RouteStep;
        const child = object[step.key];
        if (child === undefined || (step.inherited && !Object.prototype.hasOwnProperty.call(object, step.key))) continue;
        this.descend(child, route, step.next, membership);
      }
    }
  }

  private record(value: LeafValue, membership: ArrayMembership | null): void {
    const slot = this.slot;
    const count = this.counts[slot] as number;
    if (membership === null) this.freeStamps[slot] = this.epoch;
    (this.values[slot] as LeafValue[])[count] = value;
    (this.memberships[slot] as Array<ArrayMembership | null>)[count] = membership;
    this.counts[slot] = count + 1;
  }

  private arrayId(array: readonly unknown[]): number {
    let id = this.arrayIds.get(array);
    if (id === undefined) {
      id = this.arrayIds.size + 1;
      this.arrayIds.set(array, id);
    }
    return id;
  }
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
