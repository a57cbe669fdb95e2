import type { ChildProcess } from 'node:child_process';
import { sleep } from '../waiting';

/**
 * Every child runtime leads its own process group, so signalling the group also reaches the processes npm
 * starts under it. Whatever way the program ends (done, error, Ctrl-C), no group outlives it.
 */
const liveGroups = new Set<number>();

export function trackProcessGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  liveGroups.add(pid);
  child.once('exit', () => {
    // The leader's exit does not end the group: its members may still be shutting down.
    if (!groupIsAlive(pid)) liveGroups.delete(pid);
  });
}

export function groupIsAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

/** `signal` to the group, then SIGKILL if anything in it is still running after `graceMs`; resolves once it is gone. */
export async function stopProcessGroup(groupId: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  signalGroup(groupId, signal);
  const deadline = Date.now() + graceMs;
  while (groupIsAlive(groupId) && Date.now() < deadline) await sleep(50);
  if (groupIsAlive(groupId)) signalGroup(groupId, 'SIGKILL');
  // SIGKILL cannot be ignored: the group is gone as soon as the kernel has torn its processes down.
  const killDeadline = Date.now() + 5_000;
  while (groupIsAlive(groupId) && Date.now() < killDeadline) await sleep(20);
  liveGroups.delete(groupId);
}

function signalGroup(groupId: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-groupId, signal);
  } catch {
    // Already gone.
  }
}

function killAllNow(): void {
  for (const groupId of liveGroups) signalGroup(groupId, 'SIGKILL');
  liveGroups.clear();
}

/**
 * The command-line tools' last-resort cleanup: on exit, and on Ctrl-C or SIGTERM (after a graceful stop of every
 * group). Jest and other hosts that handle signals themselves do without it; their runtimes stop in `finally`.
 */
export function installChildCleanup(what: string): void {
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n${signal}: stopping the ${what}'s runtimes…\n`);
      void Promise.all([...liveGroups].map((groupId) => stopProcessGroup(groupId, 'SIGTERM', 3_000))).finally(() => process.exit(130));
    });
  }
}
