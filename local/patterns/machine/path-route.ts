export interface RouteStep {
  /** Event key to look up: one path segment, or several joined with '.' (events may use dotted keys too). */
  readonly key: string;
  /** Index of the segment after the key. */
  readonly next: number;
  /** The key names an Object.prototype member, so only an own property counts. */
  readonly inherited: boolean;
}

/**
 * How to reach a flattened field name in an event. `a.b.c` is found at `{"a": {"b": {"c": …}}}`,
 * `{"a.b": {"c": …}}`, `{"a": {"b.c": …}}` or `{"a.b.c": …}`; arrays along the way hold alternatives.
 */
export class PathRoute {
  readonly segments: readonly string[];
  /** Per segment index: the keys that may start there, the single-segment key first. */
  readonly steps: ReadonlyArray<readonly RouteStep[]>;

  constructor(readonly path: string) {
    const segments = path.split('.');
    this.segments = segments;
    this.steps = segments.map((_, from) =>
      segments.slice(from).map((__, length) => {
        const key = segments.slice(from, from + length + 1).join('.');
        return { key, next: from + length + 1, inherited: key in Object.prototype };
      }),
    );
  }
}
