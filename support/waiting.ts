import { WAIT_DEADLINE_MS } from './deadlines';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

export interface WaitOptions {
  /** Give up after this long (default WAIT_DEADLINE_MS). */
  timeoutMs?: number;
  /** Between two probes (default 50 ms). */
  intervalMs?: number;
  /** What was seen last, for the error when the wait runs out. */
  lastSeen?: () => string;
}

/**
 * Probes until `probe` returns something other than `undefined` or `false`, and returns that. When the deadline
 * passes first it fails loudly: `Timed out after 30 s waiting for <what>`, with what was seen last if told.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? WAIT_DEADLINE_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const seen = options.lastSeen ? `; last seen: ${options.lastSeen()}` : '';
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${seen}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
}
