/** One reload of watch mode, as the terminal line and the console entry show it. */
export interface ReloadEntry {
  /** Epoch ms. */
  at: number;
  outcome: 'ok' | 'error';
  /** What changed and what was done: `services/welcome-email/handler.ts changed: rebuilt welcome-email in 180 ms`. */
  summary: string;
  /** The synthesis error, or what the reload added and removed. */
  detail?: string;
}

const KEPT_ENTRIES = 200;

/** The reloads of this run, newest last; the console lists them and is told when one is added. */
export class ReloadLog {
  private readonly entries: ReloadEntry[] = [];
  private added = 0;

  add(entry: ReloadEntry): void {
    this.entries.push(entry);
    if (this.entries.length > KEPT_ENTRIES) this.entries.shift();
    this.added++;
  }

  list(): ReloadEntry[] {
    return [...this.entries];
  }

  /** Goes up with every entry; the console pushes an update when it moved. */
  get version(): number {
    return this.added;
  }
}
