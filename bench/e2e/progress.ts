/** Progress lines while the benchmark runs: stdout, each stamped with the seconds since the run began. */
const started = Date.now();

export function progress(message: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  process.stdout.write(`[bench ${elapsed} s] ${message}\n`);
}
