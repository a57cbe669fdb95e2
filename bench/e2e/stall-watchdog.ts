/**
 * Bounds a phase: `failure` rejects once `limitMs` pass with no call to `progressed()`. The phase races its
 * work against it, so a stalled pipeline ends the benchmark with the counts it reached instead of hanging.
 */
export class StallWatchdog {
  readonly failure: Promise<never>;
  private lastProgressAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(limitMs: number, describeState: () => string) {
    let fail: (error: Error) => void = () => {};
    this.failure = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    this.failure.catch(() => {});
    this.timer = setInterval(() => {
      if (Date.now() - this.lastProgressAt < limitMs) return;
      clearInterval(this.timer);
      fail(new Error(`No progress for ${limitMs / 1000} s: the pipeline stalled at ${describeState()}`));
    }, 1_000);
  }

  progressed(): void {
    this.lastProgressAt = Date.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
