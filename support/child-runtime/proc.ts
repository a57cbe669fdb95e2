import * as fs from 'node:fs';

/**
 * Linux /proc readings of child runtimes: their memory and CPU. `npm start` runs npm -> sh -> node, so the
 * process that serves the runtime has to be found among the descendants of the one spawned.
 */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === pid) children.push(Number(entry));
  }
  return children;
}

export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  const queue = childrenOf(pid);
  while (queue.length > 0) {
    const next = queue.shift() as number;
    found.push(next);
    queue.push(...childrenOf(next));
  }
  return found;
}

export function commandLineOf(pid: number): string[] {
  const raw = readProcFile(pid, 'cmdline');
  return raw === undefined ? [] : raw.split('\0').filter((part) => part !== '');
}

/** The process's peak resident set size (VmHWM), in bytes; undefined once it has exited. */
export function peakRssBytes(pid: number): number | undefined {
  const status = readProcFile(pid, 'status');
  const match = status && /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : undefined;
}

/** /proc reports CPU times in USER_HZ ticks, which the kernel's ABI fixes at 100 per second. */
const TICK_MS = 10;

/** CPU time (user + system) the process has used: its main thread, and all its other threads (workers, GC, libuv). */
export interface ProcessCpuMs {
  mainThread: number;
  otherThreads: number;
}

export function processCpuMs(pid: number): ProcessCpuMs {
  // The process's own line also counts threads that have exited (a replaced Lambda worker, say).
  const total = cpuMsOf(readProcFile(pid, 'stat'));
  const mainThread = cpuMsOf(readProcFile(pid, `task/${pid}/stat`));
  return { mainThread, otherThreads: total - mainThread };
}

function cpuMsOf(stat: string | undefined): number {
  const fields = statFields(stat);
  return fields ? (Number(fields[11]) + Number(fields[12])) * TICK_MS : 0;
}

/** The fields of a stat line after the command name (state is [0], ppid [1], utime [11], stime [12]). */
function statFields(stat: string | undefined): string[] | undefined {
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function parentOf(pid: number): number | undefined {
  const fields = statFields(readProcFile(pid, 'stat'));
  return fields ? Number(fields[1]) : undefined;
}

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}
