import type { ChildProcess } from 'node:child_process';

/**
 * Every child the benchmark spawns leads its own process group, so killing the group also ends the processes
 * npm and tsx start under it. Whatever way the benchmark ends (done, error, Ctrl-C), no group outlives it.
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

/** SIGTERM to the group, then SIGKILL if anything in it is still running after `graceMs`. */
export async function stopProcessGroup(groupId: number, graceMs = 10_000): Promise<void> {
  signalGroup(groupId, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupIsAlive(groupId) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (groupIsAlive(groupId)) signalGroup(groupId, 'SIGKILL');
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

/** Installs the last-resort cleanup: on exit, and on Ctrl-C or SIGTERM (after a graceful stop of every group). */
export function installChildCleanup(): void {
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stdout.write(`\n${signal}: stopping the benchmark's runtimes…\n`);
      void Promise.all([...liveGroups].map((groupId) => stopProcessGroup(groupId, 3_000))).finally(() => process.exit(130));
    });
  }
}
