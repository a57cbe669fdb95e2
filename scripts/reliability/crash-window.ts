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
