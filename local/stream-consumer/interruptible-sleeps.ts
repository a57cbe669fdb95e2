import type { Clock } from '../clock';

/**
 * The waits of a stream consumer between retries, on the clock, which its closing cuts short: a consumer that
 * closes does not wait out a backoff, and the batch it was retrying stays unsettled, to be read again next run.
 */
export class InterruptibleSleeps {
  private readonly sleepers = new Set<() => void>();
  private interrupted = false;

  constructor(private readonly clock: Clock) {}

  /** Resolves true after `ms`, or false at once when the consumer is closing. */
  sleep(ms: number): Promise<boolean> {
    if (this.interrupted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (): void => {
        timer.cancel();
        this.sleepers.delete(wake);
        resolve(!this.interrupted);
      };
      const timer = this.clock.setTimer(ms, wake);
      this.sleepers.add(wake);
    });
  }

  /** Ends every wait now, and every later one at once. */
  interrupt(): void {
    this.interrupted = true;
    for (const wake of this.sleepers) wake();
  }
}
