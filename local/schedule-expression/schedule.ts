/** When a scheduled rule runs. */
export interface Schedule {
  kind: 'rate' | 'cron';
  /** For a rate: its period in ms. */
  periodMs?: number;
  /** The first run strictly after `afterMs` (epoch ms), or undefined when there is none (a cron whose years are over). */
  next(afterMs: number): number | undefined;
}

/** A schedule expression EventBridge would refuse; the message says why. */
export class ScheduleExpressionError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ScheduleExpressionError';
  }
}
