/** A callback waiting on a clock. Cancelling is safe after it ran, and more than once. */
export interface Timer {
  cancel(): void;
}

/**
 * Time as the emulated services see it: everything that waits on AWS's time (visibility timeouts, batching
 * windows, retry delays and backoff, record age, idle workers, retention) reads and schedules through one
 * Clock, so that a test can drive it by hand. Code that runs in real time (a function's own timeout, while its
 * handler runs in a worker) keeps the real timers.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `callback` once, `ms` from now. With `unref`, the wait does not keep the process alive. */
  setTimer(ms: number, callback: () => void, options?: { unref?: boolean }): Timer;
}

/** The real clock: `Date.now` and Node's timers. The default of every service. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback, options) {
    const timeout = setTimeout(callback, Math.max(0, ms));
    if (options?.unref) timeout.unref();
    return { cancel: () => clearTimeout(timeout) };
  },
};

/** Calls `callback` every `ms` on the clock until cancelled. */
export function every(clock: Clock, ms: number, callback: () => void, options?: { unref?: boolean }): Timer {
  let timer: Timer;
  const tick = (): void => {
    timer = clock.setTimer(ms, tick, options);
    callback();
  };
  timer = clock.setTimer(ms, tick, options);
  return { cancel: () => timer.cancel() };
}
