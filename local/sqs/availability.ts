import type { Clock, Timer } from '../clock';

/**
 * Tells consumers when a queue may have messages to receive: right after a send, and when a delay or a
 * visibility timeout ends (one timer per queue, set to the earliest such moment). Long polls wait on it too.
 */
export class Availability {
  private readonly listeners = new Map<string, Set<() => void>>();
  private readonly timers = new Map<string, { at: number; timer: Timer }>();
  private readonly pendingNotifications = new Map<string, NodeJS.Immediate>();
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly clock: Clock,
    /** The next moment a message of the queue becomes visible, for re-arming the timer after it fires. */
    private readonly nextVisibleAt: (queueName: string) => number | undefined,
    private readonly onListenerError: (queueName: string, error: unknown) => void,
  ) {}

  subscribe(queueName: string, listener: () => void): () => void {
    let set = this.listeners.get(queueName);
    if (!set) this.listeners.set(queueName, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Notifies listeners on the next turn of the event loop, so a listener that receives never re-enters a send. */
  notify(queueName: string): void {
    if (this.closed || this.pendingNotifications.has(queueName)) return;
    this.pendingNotifications.set(
      queueName,
      setImmediate(() => {
        this.pendingNotifications.delete(queueName);
        for (const listener of [...(this.listeners.get(queueName) ?? [])]) {
          try {
            listener();
          } catch (error) {
            this.onListenerError(queueName, error);
          }
        }
      }),
    );
  }

  /** Makes sure listeners hear about the queue no later than `at` (epoch ms). */
  wakeAt(queueName: string, at: number): void {
    if (this.closed) return;
    const existing = this.timers.get(queueName);
    if (existing && existing.at <= at) return;
    existing?.timer.cancel();
    const timer = this.clock.setTimer(at - this.clock.now(), () => this.fire(queueName));
    this.timers.set(queueName, { at, timer });
  }

  /** Resolves when the queue may have a message, after `timeoutMs`, or on close, whichever comes first. */
  waitFor(queueName: string, timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        timer.cancel();
        unsubscribe();
        this.waiters.delete(done);
        resolve();
      };
      const timer = this.clock.setTimer(timeoutMs, done);
      const unsubscribe = this.subscribe(queueName, done);
      this.waiters.add(done);
    });
  }

  close(): void {
    this.closed = true;
    for (const { timer } of this.timers.values()) timer.cancel();
    for (const immediate of this.pendingNotifications.values()) clearImmediate(immediate);
    this.timers.clear();
    this.pendingNotifications.clear();
    for (const done of [...this.waiters]) done();
    this.listeners.clear();
  }

  private fire(queueName: string): void {
    this.timers.delete(queueName);
    this.notify(queueName);
    const next = this.nextVisibleAt(queueName);
    if (next !== undefined) this.wakeAt(queueName, next);
  }
}
