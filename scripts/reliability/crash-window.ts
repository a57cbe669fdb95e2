/**
 * SES has no idempotency token. A welcome email SES accepted just before a kill, while its idempotency record was
 * still in progress, cannot be told from one that never reached SES: once the in-progress record expires (after
 * the function timeout), the redelivered message sends it again. Such a second email is the known crash window;
 * any other is a bug. Returns the users whose extra emails no kill explains: a second copy with no kill between
 * it and the first, or a third copy.
 */
export function unexplainedDuplicateEmails(duplicateEmailTimes: ReadonlyMap<string, number[]>, killedAt: readonly number[]): string[] {
  return [...duplicateEmailTimes]
    .filter(([, times]) => times.length > 2 || !killedAt.some((kill) => times[0] < kill && kill < times[1]))
    .map(([userId]) => userId);
}

/**
 * The sends each kill interrupted, one count a kill: a second email that a kill explains is counted against the
 * first kill after its first copy, the one that cut its sandbox off while its idempotency record was in progress.
 */
export function killInterruptedSends(duplicateEmailTimes: ReadonlyMap<string, number[]>, killedAt: readonly number[]): number[] {
  const perKill = killedAt.map(() => 0);
  for (const [first, second, ...more] of duplicateEmailTimes.values()) {
    if (more.length > 0) continue;
    const interrupting = killedAt.findIndex((kill) => first < kill);
    if (interrupting >= 0 && killedAt[interrupting] < second) perKill[interrupting]++;
  }
  return perKill;
}

/** A kill whose interrupted sends exceed the bound: `kill` counts from 1. */
export interface CrashWindowBreach {
  kill: number;
  interruptedSends: number;
}

/**
 * Each sandbox sends one email at a time, so a kill can interrupt at most one send in each sandbox it kills, and
 * a SIGKILL of the runtime kills every sandbox of the function: `sandboxesPerKill` is its maximum concurrency.
 * Returns the kills that interrupted more sends than that.
 */
export function crashWindowBreaches(interruptedPerKill: readonly number[], sandboxesPerKill: number): CrashWindowBreach[] {
  return interruptedPerKill
    .map((interruptedSends, index) => ({ kill: index + 1, interruptedSends }))
    .filter(({ interruptedSends }) => interruptedSends > sandboxesPerKill);
}
