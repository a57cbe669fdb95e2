interface LengthBucket<T> {
  readonly length: number;
  readonly entries: Map<string, T[]>;
}

/**
 * Prefixes (or suffixes) grouped by length, so a value is looked up once per distinct length
 * instead of being compared with every prefix.
 */
export class AffixTable<T> {
  private buckets: LengthBucket<T>[] = [];

  get isEmpty(): boolean {
    return this.buckets.length === 0;
  }

  add(affix: string, item: T): void {
    let bucket = this.buckets.find((candidate) => candidate.length === affix.length);
    if (!bucket) {
      bucket = { length: affix.length, entries: new Map() };
      this.buckets = [...this.buckets, bucket].sort((a, b) => a.length - b.length);
    }
    const items = bucket.entries.get(affix);
    if (items) items.push(item);
    else bucket.entries.set(affix, [item]);
  }

  /** Appends to `out` the items whose affix starts `value` (or ends it, when `fromEnd`). */
  collectInto(value: string, fromEnd: boolean, out: T[]): void {
    const buckets = this.buckets;
    for (let index = 0; index < buckets.length; index++) {
      const bucket = buckets[index] as LengthBucket<T>;
      if (bucket.length > value.length) return;
      const key = fromEnd ? value.slice(value.length - bucket.length) : value.slice(0, bucket.length);
      const items = bucket.entries.get(key);
      if (items) for (let item = 0; item < items.length; item++) out.push(items[item] as T);
    }
  }
}
