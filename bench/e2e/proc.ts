import * as fs from 'node:fs';

/**
 * Linux /proc readings of the benchmark's child processes. `npm start` runs npm -> sh -> tsx -> node, so the
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

function parentOf(pid: number): number | undefined {
  const stat = readProcFile(pid, 'stat');
  // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
  const afterName = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
  return afterName ? Number(afterName[1]) : undefined;
}

function readProcFile(pid: number, name: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return undefined;
  }
}
