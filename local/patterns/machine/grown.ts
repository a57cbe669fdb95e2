/**
 * The list with one more item, for lists in the rule graph. Most hold a single item: creating it as a
 * one-element array keeps it a few words, where `push` on an empty array would reserve 17 slots, and a graph of
 * 1,000 rules has thousands of such lists. Longer lists grow by `push`, so adding stays amortised O(1).
 * Returns a new array when `items` is empty, so shared empty arrays are never written to.
 */
export function grown<T>(items: T[], item: T): T[] {
  if (items.length === 0) return [item];
  items.push(item);
  return items;
}
