import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Durable state for the local runtime: named collections of JSON values that survive SIGKILL.
 *
 * Each collection is an append-only log of `[op, key, value]` lines written synchronously, so a
 * mutation that returned is on disk (in the OS page cache, which outlives the process). On open the
 * log is replayed; a torn last line from a crash mid-write is dropped. When the log grows well past
 * the live data it is compacted into a snapshot through write-and-rename, which is atomic.
 */
export interface StateStore {
  collection<T>(name: string): DurableMap<T>;
  /** Where state lives, or undefined when in memory. */
  readonly directory: string | undefined;
  close(): void;
}

type LogLine = ['set', string, unknown] | ['del', string];

const COMPACT_MIN_LINES = 5_000;

export class DurableMap<T> {
  private readonly items = new Map<string, T>();
  private fd: number | undefined;
  private logLines = 0;

  constructor(private readonly file: string | undefined) {
    if (file === undefined) return;
    this.replay(file);
    this.fd = fs.openSync(file, 'a');
  }

  get size(): number {
    return this.items.size;
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Insertion order, as a Map keeps it; a `set` on an existing key keeps its place. */
  values(): IterableIterator<T> {
    return this.items.values();
  }

  entries(): IterableIterator<[string, T]> {
    return this.items.entries();
  }

  keys(): IterableIterator<string> {
    return this.items.keys();
  }

  set(key: string, value: T): void {
    this.items.set(key, value);
    this.append(['set', key, value]);
  }

  delete(key: string): boolean {
    const existed = this.items.delete(key);
    if (existed) this.append(['del', key]);
    return existed;
  }

  clear(): void {
    for (const key of [...this.items.keys()]) this.delete(key);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private append(line: LogLine): void {
    if (this.fd === undefined) return;
    fs.writeSync(this.fd, JSON.stringify(line) + '\n');
    this.logLines++;
    if (this.logLines > COMPACT_MIN_LINES && this.logLines > 4 * this.items.size) this.compact();
  }

  private replay(file: string): void {
    if (!fs.existsSync(file)) return;
    const text = fs.readFileSync(file, 'utf8');
    for (const raw of text.split('\n')) {
      if (raw === '') continue;
      let line: LogLine;
      try {
        line = JSON.parse(raw) as LogLine;
      } catch {
        continue; // a torn write from a crash: the mutation never returned, so nothing is lost
      }
      if (line[0] === 'set') this.items.set(line[1], line[2] as T);
      else this.items.delete(line[1]);
      this.logLines++;
    }
  }

  private compact(): void {
    const file = this.file as string;
    const tmp = `${file}.compact`;
    const snapshot = [...this.items].map(([key, value]) => JSON.stringify(['set', key, value])).join('\n');
    fs.writeFileSync(tmp, snapshot === '' ? '' : snapshot + '\n');
    const tmpFd = fs.openSync(tmp, 'r');
    fs.fsyncSync(tmpFd);
    fs.closeSync(tmpFd);
    if (this.fd !== undefined) fs.closeSync(this.fd);
    fs.renameSync(tmp, file);
    this.fd = fs.openSync(file, 'a');
    this.logLines = this.items.size;
  }
}

export function openStateStore(directory: string | undefined): StateStore {
  const open = new Map<string, DurableMap<unknown>>();
  if (directory !== undefined) fs.mkdirSync(directory, { recursive: true });
  return {
    directory,
    collection<T>(name: string): DurableMap<T> {
      if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`Invalid state collection name "${name}"`);
      let map = open.get(name);
      if (!map) {
        map = new DurableMap<unknown>(directory === undefined ? undefined : path.join(directory, `${name}.jsonl`));
        open.set(name, map);
      }
      return map as DurableMap<T>;
    },
    close(): void {
      for (const map of open.values()) map.close();
      open.clear();
    },
  };
}
