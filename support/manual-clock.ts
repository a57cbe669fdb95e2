import type { Clock, Timer } from '../local/clock';

interface Waiting {
  at: number;
  order: number;
  callback: () => void;
  cancelled: boolean;
}

/**
 * A clock that moves only when a test says so: `advance` runs every timer that comes due, in the order they come
 * due, with `now()` at each one's due time. Tests use it instead of sleeping through a service's waits.
 */
export class ManualClock implements Clock {
  private time: number;
  private scheduled = 0;
  private readonly waiting: Waiting[] = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, callback: () => void): Timer {
    const waiting: Waiting = { at: this.time + Math.max(0, ms), order: this.scheduled++, callback, cancelled: false };
    this.waiting.push(waiting);
    return { cancel: () => (waiting.cancelled = true) };
  }

  /** Moves time forward by `ms`, running the timers that come due meanwhile, including ones they set. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.waiting.splice(this.waiting.indexOf(next), 1);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
  }

  /** Timers set and neither run nor cancelled. */
  get pendingTimers(): number {
    return this.waiting.filter((waiting) => !waiting.cancelled).length;
  }

  /** Timers ever set, whatever became of them: it grows each time a service schedules its next wait. */
  get timersSet(): number {
    return this.scheduled;
  }

  /** Whether a timer neither run nor cancelled comes due at `at`: a service is waiting for that moment. */
  hasTimerDueAt(at: number): boolean {
    return this.waiting.some((waiting) => !waiting.cancelled && waiting.at === at);
  }

  private nextDue(end: number): Waiting | undefined {
    let next: Waiting | undefined;
    for (const waiting of this.waiting) {
      if (waiting.cancelled || waiting.at > end) continue;
      if (!next || waiting.at < next.at || (waiting.at === next.at && waiting.order < next.order)) next = waiting;
    }
    return next;
  }
}
