import type { DynaliteStore, Item, ItemDb } from 'dynalite/db';
import type { StreamUserIdentity } from '../model/ports';
import type { KeySchemaElement } from '../model/types';
import type { AttributeMap, PendingChange, StreamCapture } from '../streams';

/**
 * Hooks dynalite's item storage of every table with a stream. Every write path (PutItem, UpdateItem,
 * DeleteItem, BatchWriteItem, transactions) ends in `put` or `del` on the item store while dynalite holds
 * the item's lock, so reading the old item there and recording the change around the write gives exact
 * images in commit order, with no extra locking and nothing to keep in step with dynalite's actions.
 */
export function captureWrites(store: DynaliteStore, keySchemas: ReadonlyMap<string, KeySchemaElement[]>, capture: StreamCapture): void {
  const getItemDb = store.getItemDb;
  const hooked = new WeakSet<ItemDb>();
  store.getItemDb = (tableName) => {
    const itemDb = getItemDb(tableName);
    const keySchema = keySchemas.get(tableName);
    if (keySchema && capture.captures(tableName) && !hooked.has(itemDb)) {
      hookItemDb(itemDb, tableName, keySchema, capture);
      hooked.add(itemDb);
    }
    return itemDb;
  };
}

type DeleteCallback = (error?: Error | null) => void;

/** Deletes made by a service rather than a client, whose REMOVE records name that service. */
const serviceDeletes = new WeakMap<ItemDb, (key: string, identity: StreamUserIdentity, callback: DeleteCallback) => void>();

/**
 * Deletes an item as `identity` (the TTL sweeper as DynamoDB), so its REMOVE record carries a userIdentity. The
 * caller holds the item's lock and has updated its indexes, as dynalite's own DeleteItem does.
 */
export function deleteAsService(itemDb: ItemDb, key: string, identity: StreamUserIdentity, callback: DeleteCallback): void {
  const deleteRecorded = serviceDeletes.get(itemDb);
  if (deleteRecorded) deleteRecorded(key, identity, callback);
  else itemDb.del(key, callback);
}

function hookItemDb(itemDb: ItemDb, tableName: string, keySchema: KeySchemaElement[], capture: StreamCapture): void {
  const get = itemDb.get;
  const put = itemDb.put;
  const del = itemDb.del;

  const recordAround = (
    key: string,
    newImage: Item | undefined,
    write: (done: (error?: Error | null) => void) => void,
    callback: (error?: Error | null) => void,
    userIdentity?: StreamUserIdentity,
  ): void => {
    // A table whose API-created stream went with the table captures no more.
    if (!capture.captures(tableName)) return write(callback);
    get(key, (readError, oldImage) => {
      if (readError && readError.name !== 'NotFoundError') return callback(readError);
      let pending: PendingChange | undefined;
      try {
        const image = newImage ?? oldImage;
        if (image === undefined) return write(callback);
        pending = capture.prepare({
          tableName,
          keys: keysOf(image, keySchema),
          oldImage: oldImage ?? undefined,
          newImage,
          ...(userIdentity && { userIdentity }),
        });
      } catch (error) {
        return callback(error as Error);
      }
      write((writeError) => {
        try {
          if (pending && writeError) capture.abandon(pending);
          else if (pending) capture.commit(pending);
        } catch (error) {
          return callback(writeError ?? (error as Error));
        }
        callback(writeError);
      });
    });
  };

  itemDb.put = (key, item, callback) => recordAround(key, item, (done) => put(key, item, done), callback);
  itemDb.del = (key, callback) => recordAround(key, undefined, (done) => del(key, done), callback);
  serviceDeletes.set(itemDb, (key, identity, callback) => recordAround(key, undefined, (done) => del(key, done), callback, identity));
}

export function keysOf(item: AttributeMap, keySchema: ReadonlyArray<Pick<KeySchemaElement, 'AttributeName'>>): AttributeMap {
  const keys: AttributeMap = {};
  for (const { AttributeName } of keySchema) keys[AttributeName] = item[AttributeName];
  return keys;
}
