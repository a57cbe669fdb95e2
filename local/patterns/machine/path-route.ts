/** One way to reach a path: the key to read from each object found at an earlier prefix of the path. */
export interface RouteSplit {
  /** The prefix holding the objects to read from; 0 is the event itself. */
  readonly prefix: number;
  /** One or more trailing segments joined with '.' (events may use dotted keys too). */
  readonly key: string;
  /** The key names an Object.prototype member, so only an own property counts. */
  readonly inherited: boolean;
}

/**
 * The field paths rules name and all their prefixes, numbered. `a.b.c` is found at `{"a": {"b": {"c": …}}}`,
 * `{"a.b": {"c": …}}`, `{"a": {"b.c": …}}` or `{"a.b.c": …}`: as `c` under the objects at `a.b`, as `b.c`
 * under those at `a`, or as `a.b.c` under the event. Reading prefixes once per event shares that work
 * between paths.
 */
export class PathPrefixes {
  /** Per prefix number: how to reach it, the single trailing segment first. Prefix 0 is the event. */
  readonly splits: RouteSplit[][] = [[]];
  private readonly numbers = new Map<string, number>();

  /** The number of a path, registering it and its prefixes on first use. */
  number(path: string): number {
    const existing = this.numbers.get(path);
    if (existing !== undefined) return existing;
    const segments = path.split('.');
    const splits: RouteSplit[] = [];
    for (let trailing = 1; trailing <= segments.length; trailing++) {
      const head = segments.slice(0, segments.length - trailing);
      const key = segments.slice(segments.length - trailing).join('.');
      splits.push({ prefix: head.length === 0 ? 0 : this.number(head.join('.')), key, inherited: key in Object.prototype });
    }
    const number = this.splits.length;
    this.splits.push(splits);
    this.numbers.set(path, number);
    return number;
  }
}
