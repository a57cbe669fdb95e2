import { createKey, updateIndexes, type Item } from 'dynalite/db';
import type { StreamCapture } from '../streams';
import type { DynaliteEngine } from './engine';

/**
 * Finishes the writes a crash interrupted between their stream intent and their record. The client never
 * heard back about them, so applying them is as valid as dropping them; applying keeps item and stream agreed.
 * Must run before writes are captured, so the roll-forward itself is not captured twice.
 */
export async function rollForwardUnfinishedWrites(engine: DynaliteEngine, capture: StreamCapture): Promise<number> {
  let rolledForward = 0;
  for (const pending of capture.unfinished()) {
    const { tableName, keys, newImage } = pending.change;
    const table = capture.captures(tableName) ? await engine.table(tableName).catch(() => undefined) : undefined;
    if (!table) {
      // The template dropped the table or its stream since the crash: there is nothing left to keep in step.
      console.warn(`[dynamodb] dropping an interrupted write to ${tableName}: the table or its stream is no longer in the model`);
      capture.abandon(pending);
      continue;
    }
    const itemDb = engine.store.getItemDb(tableName);
    const key = createKey(keys, table);
    const current = await new Promise<Item | undefined>((resolve, reject) =>
      itemDb.get(key, (error, item) => (error && error.name !== 'NotFoundError' ? reject(error) : resolve(item ?? undefined))),
    );
    await callback((done) => updateIndexes(engine.store, table, current, newImage, done));
    await callback((done) => (newImage ? itemDb.put(key, newImage, done) : itemDb.del(key, done)));
    capture.commit(pending);
    rolledForward++;
  }
  return rolledForward;
}

function callback(run: (done: (error?: Error | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => run((error) => (error ? reject(error) : resolve())));
}
