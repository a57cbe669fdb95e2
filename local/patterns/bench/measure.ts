/** Something to time: a handler, and how many events it takes per turn (fewer when it is slow). */
export interface Contender {
  readonly handle: (event: string) => number;
  readonly eventsPerTurn?: number;
}

// Contenders take turns, and each turn is charged the CPU time this process used, not wall time: on a
// shared machine, time spent descheduled would otherwise land on whichever contender was running.
const EVENTS_PER_TURN = 200;

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Events per CPU-second for each contender, timed in alternating turns until `minimumMs` of CPU is used. */
export function interleavedRates(events: readonly string[], contenders: readonly Contender[], minimumMs: number): number[] {
  let sink = 0;
  const elapsedMicros = contenders.map(() => 0);
  const processed = contenders.map(() => 0);
  for (const contender of contenders) for (const event of events.slice(0, 200)) sink += contender.handle(event);
  const started = cpuMicros();
  let turn = 0;
  while (cpuMicros() - started < minimumMs * 1000) {
    const first = (turn++ * EVENTS_PER_TURN) % events.length;
    contenders.forEach((contender, index) => {
      const count = contender.eventsPerTurn ?? EVENTS_PER_TURN;
      const turnStart = cpuMicros();
      for (let position = first; position < first + count; position++) {
        sink += contender.handle(events[position % events.length] as string);
      }
      elapsedMicros[index] = (elapsedMicros[index] as number) + cpuMicros() - turnStart;
      processed[index] = (processed[index] as number) + count;
    });
  }
  if (sink < 0) throw new Error('unreachable: keeps the work observable');
  return contenders.map((_, index) => ((processed[index] as number) * 1e6) / (elapsedMicros[index] as number));
}
