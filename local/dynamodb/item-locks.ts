import type { DynaliteStore, ItemDb } from 'dynalite/db';

export interface LockedItems {
  tableName: string;
  /** dynalite item keys (see `createKey`). */
  keys: string[];
}

/**
 * Holds dynalite's own item locks on every item at once while `body` runs, so single-item writes wait for
 * the transaction. Tables are locked in name order and keys in sorted order, so transactions never deadlock.
 */
export async function withItemLocks<T>(store: DynaliteStore, items: readonly LockedItems[], body: () => Promise<T>): Promise<T> {
  const releases: Array<() => void> = [];
  const ordered = [...items].sort((a, b) => (a.tableName < b.tableName ? -1 : a.tableName > b.tableName ? 1 : 0));
  try {
    for (const { tableName, keys } of ordered) {
      await new Promise<void>((resolve) =>
        store.getItemDb(tableName).lock([...new Set(keys)].sort(), (release) => {
          releases.push(release(() => undefined));
          resolve();
        }),
      );
    }
    return await body();
  } finally {
    for (const release of releases.reverse()) release();
  }
}

/** A view of the store whose item locks are already held by the caller, for running dynalite's actions inside `withItemLocks`. */
export function storeWithLocksHeld(store: DynaliteStore): DynaliteStore {
  const view = Object.create(store) as DynaliteStore;
  view.getItemDb = (tableName) => {
    const itemDb = Object.create(store.getItemDb(tableName)) as ItemDb;
    itemDb.lock = (_key, exec) => exec((done) => done);
    return itemDb;
  };
  return view;
}
