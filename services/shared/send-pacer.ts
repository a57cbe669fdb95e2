/** The time a pacer reads and waits on; tests pass their own, so no test waits in real time. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Returns `waitForTurn`: awaited before each call to a rate-limited service, it resolves no sooner than
 * `minIntervalMs` after the previous turn began. One function instance then calls at most 1000 / `minIntervalMs`
 * times a second, however fast the calls themselves answer; the stack derives the interval from the quota and the
 * instances that share it. Turns are taken in order even if callers overlap. 0 leaves calls unpaced.
 */
export function createSendPacer(minIntervalMs: number, clock: PacerClock = systemClock): () => Promise<void> {
  let nextTurnAt = Number.NEGATIVE_INFINITY;
  let previousTurn = Promise.resolve();
  return () => {
    const turn = previousTurn.then(async () => {
      const waitMs = nextTurnAt - clock.now();
      if (waitMs > 0) await clock.sleep(waitMs);
      nextTurnAt = clock.now() + minIntervalMs;
    });
    previousTurn = turn;
    return turn;
  };
}
