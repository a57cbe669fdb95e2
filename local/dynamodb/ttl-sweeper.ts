import { createKey, updateIndexes, type Item, type ItemDb, type TableDescription } from 'dynalite/db';
import { every, type Clock, type Timer } from '../clock';
import type { LogSink } from '../log-sink';
import type { StreamUserIdentity } from '../model/ports';
import type { DynamoDbState } from './state';
import { deleteAsService, keysOf } from './write-capture';

/** What DynamoDB's REMOVE records say of a TTL delete. */
export const TTL_SERVICE_IDENTITY: StreamUserIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };

/** DynamoDB leaves alone items whose expiry is more than five years in the past, taking it for a mistake of unit. */
const MAX_EXPIRED_AGE_MS = 5 * 365 * 24 * 3600 * 1000;

export interface TtlSweepResult {
  /** Per table swept: the keys of the items deleted. */
  deleted: Array<{ TableName: string; Keys: Array<Record<string, unknown>> }>;
}

/**
 * DynamoDB's time to live: items whose TTL attribute (a Number of epoch seconds) is past are deleted by the service,
 * and each delete writes a REMOVE record naming DynamoDB as its userIdentity. AWS deletes within days, with no
 * promise of when; locally the sweep runs every `intervalMs` of the clock, and on request.
 */
export class TtlSweeper {
  private timer: Timer | undefined;
  private running: Promise<TtlSweepResult> | undefined;

  constructor(
    private readonly state: DynamoDbState,
    private readonly clock: Clock,
    private readonly log: LogSink,
  ) {}

  start(intervalMs: number): void {
    this.timer = every(this.clock, intervalMs, () => void this.sweep().catch((error: Error) => this.log(`[dynamodb] TTL sweep failed: ${error.message}`)), {
      unref: true,
    });
  }

  close(): Promise<unknown> {
    this.timer?.cancel();
    return this.running ?? Promise.resolve();
  }

  /** Deletes every expired item now; a sweep already running is joined rather than doubled. */
  sweep(): Promise<TtlSweepResult> {
    this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    return this.running;
  }

  private async sweepAll(): Promise<TtlSweepResult> {
    const result: TtlSweepResult = { deleted: [] };
    for (const [tableName, attribute] of this.state.timeToLive) {
      const keys = await this.sweepTable(tableName, attribute);
      if (keys.length === 0) continue;
      result.deleted.push({ TableName: tableName, Keys: keys });
      this.log(`[dynamodb] time to live deleted ${keys.length} expired item(s) from ${tableName}`);
    }
    return result;
  }

  private async sweepTable(tableName: string, attribute: string): Promise<Array<Record<string, unknown>>> {
    const table = await this.state.engine.table(tableName);
    const deleted: Array<Record<string, unknown>> = [];
    for (const item of await this.expiredItems(this.state.engine.store.getItemDb(tableName), attribute)) {
      if (await this.deleteIfStillExpired(table, item, attribute)) deleted.push(keysOf(item, table.KeySchema));
    }
    return deleted;
  }

  /** Read straight from storage: a Scan's paging and checks cost more than the sweep itself, every minute. */
  private expiredItems(itemDb: ItemDb, attribute: string): Promise<Item[]> {
    return new Promise((resolve, reject) => {
      const expired: Item[] = [];
      itemDb
        .createValueStream()
        .on('data', (item: Item) => {
          if (this.isExpired(item, attribute)) expired.push(item);
        })
        .on('error', reject)
        .on('end', () => resolve(expired));
    });
  }

  private isExpired(item: Item | undefined, attribute: string): boolean {
    const value = (item?.[attribute] as { N?: string } | undefined)?.N;
    if (value === undefined) return false;
    const expiresAt = Number(value) * 1000;
    const now = this.clock.now();
    return Number.isFinite(expiresAt) && expiresAt <= now && expiresAt > now - MAX_EXPIRED_AGE_MS;
  }

  /** Under the item's lock, so a write since the scan that renewed or removed the item wins. */
  private deleteIfStillExpired(table: TableDescription, scanned: Item, attribute: string): Promise<boolean> {
    const { store } = this.state.engine;
    const itemDb: ItemDb = store.getItemDb(table.TableName);
    const key = createKey(scanned, table);
    return new Promise((resolve, reject) => {
      itemDb.lock(key, (release) => {
        const done = release((error?: Error | null, removed = false) => (error ? reject(error) : resolve(removed)));
        itemDb.get(key, (readError, current) => {
          if (readError && readError.name !== 'NotFoundError') return done(readError);
          if (!this.isExpired(current ?? undefined, attribute)) return done(null, false);
          updateIndexes(store, table, current, null, (indexError) => {
            if (indexError) return done(indexError);
            deleteAsService(itemDb, key, TTL_SERVICE_IDENTITY, (deleteError) => done(deleteError ?? null, !deleteError));
          });
        });
      });
    });
  }
}
