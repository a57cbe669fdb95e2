/** Runs `handle` over the events, round after round, for at least `minimumMs`; returns events per second. */
export function eventsPerSecond(events: readonly string[], handle: (event: string) => number, minimumMs: number): number {
  let sink = 0;
  for (const event of events) sink += handle(event);
  let processed = 0;
  const started = process.hrtime.bigint();
  let elapsedMs = 0;
  while (elapsedMs < minimumMs) {
    for (const event of events) sink += handle(event);
    processed += events.length;
    elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  }
  if (sink < 0) throw new Error('unreachable: keeps the work observable');
  return (processed * 1000) / elapsedMs;
}
