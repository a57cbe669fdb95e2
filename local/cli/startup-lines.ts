/**
 * The lines `npm start` prints while it starts, written here and read back here: programs that start the runtime
 * as a child (the benchmark, the crash test, the soak) learn from them where it listens and whether it synthesized.
 */
export const SYNTHESIZING = 'Synthesizing the CDK app… ';
export const SYNTHESIS_REUSED = 'unchanged since the last run, reusing cdk.out';

export function synthesisDone(durationMs: number): string {
  return `done in ${(durationMs / 1000).toFixed(1)} s`;
}

export function readyLine(endpoint: string, startupMs: number): string {
  return `users-fanout local runtime ready on ${endpoint} in ${(startupMs / 1000).toFixed(1)} s (Ctrl-C stops it)`;
}

/** What a line of `npm start`'s output says about its start, if anything. */
export type StartupEvent = { kind: 'ready'; endpoint: string } | { kind: 'synthesized'; durationMs: number } | { kind: 'reused' };

const READY = /users-fanout local runtime ready on (http:\/\/127\.0\.0\.1:\d+) in /;
const DONE = new RegExp(`${SYNTHESIZING}done in ([\\d.]+) s`);

export function readStartupLine(line: string): StartupEvent | undefined {
  const ready = READY.exec(line);
  if (ready) return { kind: 'ready', endpoint: ready[1] };
  const done = DONE.exec(line);
  if (done) return { kind: 'synthesized', durationMs: Number(done[1]) * 1000 };
  if (line.includes(SYNTHESIZING + SYNTHESIS_REUSED)) return { kind: 'reused' };
  return undefined;
}
