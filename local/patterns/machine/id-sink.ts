/**
 * A growable stack of ids written by index, so matching never resizes arrays on the hot path: callers note
 * `count`, append, read their range, and restore `count` when done.
 */
export class IdSink {
  readonly ids: number[] = [];
  count = 0;

  push(id: number): void {
    this.ids[this.count++] = id;
  }
}
