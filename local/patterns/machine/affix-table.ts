interface LengthBucket<T> {
  readonly length: number;
  readonly entries: Map<string, T[]>;
}

// Up to this many affixes, comparing each one beats slicing the value and hashing the slices.
const LINEAR_LIMIT = 12;

/**
 * Prefixes (or suffixes) of a field's matchers. A few are compared one by one; many are grouped by length,
 * so a value is looked up once per distinct length instead of being compared with every affix.
 */
export class AffixTable<T> {
  private readonly affixes: string[] = [];
  private readonly items: T[] = [];
  private buckets: LengthBucket<T>[] = [];

  add(affix: string, item: T): void {
    this.affixes.push(affix);
    this.items.push(item);
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
  collectInto(value: string, fromEnd: boolean, out: { push(item: T): unknown }): void {
    const affixes = this.affixes;
    if (affixes.length <= LINEAR_LIMIT) {
      for (let index = 0; index < affixes.length; index++) {
        const affix = affixes[index] as string;
        if (fromEnd ? value.endsWith(affix) : value.startsWith(affix)) out.push(this.items[index] as T);
      }
      return;
    }
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
