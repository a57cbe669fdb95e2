import type { BundleFigure } from './bundles';
import type { CpuPerUser } from './cpu-meter';
import type { EndToEndResult } from './end-to-end';
import type { FloorResult } from './floor';
import type { ReloadResult } from './reload';
import type { StartupResult } from './startup';

export interface BenchFigures {
  concurrency: number;
  /** The 1-minute load average when the run began and when it ended: other work on the machine skews every figure. */
  loadAverage: { atStart: number; atEnd: number; cores: number };
  endToEnd: EndToEndResult;
  floor: FloorResult;
  startup: StartupResult;
  bundles: BundleFigure[];
  reload: ReloadResult;
}

/** The goals for this 2-core machine. */
const GOALS = {
  ratio: 0.7,
  p99Ms: 250,
  peakRssMb: 500,
  coldStartMs: 15_000,
  warmStartMs: 3_000,
  reloadMs: 1_000,
};

const MB = 1024 * 1024;

/** The human report, then the headline figures as one JSON object on the last line. */
export function renderReport(figures: BenchFigures): string {
  const { endToEnd, floor, startup, bundles, reload } = figures;
  const ratio = endToEnd.perSecond / floor.perSecond;
  const peakRssMb = endToEnd.peakRssBytes / MB;
  const resolution = endToEnd.latencyResolutionMs > 0 ? ` (capture times ±${endToEnd.latencyResolutionMs.toFixed(0)} ms)` : '';
  const rows: Array<[string, string, string?]> = [
    ['end to end', `${endToEnd.perSecond.toFixed(1)} users/s (inserts alone ${endToEnd.insertsPerSecond.toFixed(1)}/s; console open, ${endToEnd.consoleRefreshes} live refreshes)`],
    ['  CPU per user', cpuText(endToEnd.cpu)],
    ['floor', `${floor.perSecond.toFixed(1)} users/s (runtime peak RSS ${floor.peakRssBytes === undefined ? '?' : (floor.peakRssBytes / MB).toFixed(0)} MB)`],
    ['  CPU per user', cpuText(floor.cpu)],
    ['ratio', ratio.toFixed(2), atLeast(ratio, GOALS.ratio, String(GOALS.ratio))],
    ['insert→email p50', `${endToEnd.p50Ms.toFixed(0)} ms`],
    ['insert→email p95', `${endToEnd.p95Ms.toFixed(0)} ms`],
    ['insert→email p99', `${endToEnd.p99Ms.toFixed(0)} ms${resolution}`, atMost(endToEnd.p99Ms, GOALS.p99Ms, `${GOALS.p99Ms} ms`)],
    [
      'paced insert→email',
      `p50 ${endToEnd.paced.p50Ms.toFixed(0)} / p95 ${endToEnd.paced.p95Ms.toFixed(0)} / p99 ${endToEnd.paced.p99Ms.toFixed(0)} ms ` +
        `(${endToEnd.paced.users} users at ${endToEnd.paced.perSecond.toFixed(1)}/s)`,
      atMost(endToEnd.paced.p99Ms, GOALS.p99Ms, `${GOALS.p99Ms} ms`),
    ],
    ['peak RSS (runtime)', `${peakRssMb.toFixed(0)} MB`, atMost(peakRssMb, GOALS.peakRssMb, `${GOALS.peakRssMb} MB`)],
    ['cold start', `${seconds(startup.coldMs)}${synthPart(startup)}`, atMost(startup.coldMs, GOALS.coldStartMs, seconds(GOALS.coldStartMs))],
    ['warm start', seconds(startup.warmMs), atMost(startup.warmMs, GOALS.warmStartMs, seconds(GOALS.warmStartMs))],
    [
      'reload (watch)',
      `${reload.medianMs.toFixed(0)} ms median save → first invocation of the new code (${reload.samplesMs.join(', ')} ms)`,
      atMost(reload.medianMs, GOALS.reloadMs, `${GOALS.reloadMs} ms`),
    ],
  ];
  const lines = [
    '',
    `End-to-end benchmark: ${endToEnd.users} users, concurrency ${figures.concurrency}`,
    `  machine load average ${figures.loadAverage.atStart.toFixed(1)} at start, ${figures.loadAverage.atEnd.toFixed(1)} at end, on ${figures.loadAverage.cores} cores`,
    ...rows.map(([name, value, goal]) => `  ${name.padEnd(20)} ${value.padEnd(58)} ${goal ?? ''}`.trimEnd()),
    '',
    'Lambda bundles (index.js / whole asset; require time in a fresh node, with and without --enable-source-maps):',
    ...bundles.map(
      (bundle) =>
        `  ${bundle.functionId.padEnd(40)} ${kb(bundle.codeBytes).padStart(9)} / ${kb(bundle.totalBytes).padStart(9)}` +
        `  ${bundle.loadMs.toFixed(0).padStart(4)} ms / ${bundle.loadMsWithoutSourceMaps.toFixed(0).padStart(4)} ms`,
    ),
    '',
    JSON.stringify({
      users: endToEnd.users,
      e2ePerSec: round(endToEnd.perSecond, 1),
      floorPerSec: round(floor.perSecond, 1),
      ratio: round(ratio, 3),
      p50Ms: round(endToEnd.p50Ms, 0),
      p95Ms: round(endToEnd.p95Ms, 0),
      p99Ms: round(endToEnd.p99Ms, 0),
      pacedP99Ms: round(endToEnd.paced.p99Ms, 0),
      peakRssMb: round(peakRssMb, 0),
      coldStartMs: round(startup.coldMs, 0),
      warmStartMs: round(startup.warmMs, 0),
      reloadMs: round(reload.medianMs, 0),
    }),
  ];
  return lines.join('\n') + '\n';
}

function atLeast(value: number, goal: number, label: string): string {
  return `goal ≥ ${label}: ${value >= goal ? 'met' : 'MISSED'}`;
}

function atMost(value: number, goal: number, label: string): string {
  return `goal ≤ ${label}: ${value <= goal ? 'met' : 'MISSED'}`;
}

function cpuText(cpu: CpuPerUser): string {
  return (
    `runtime ${cpu.runtimeMainThreadMs.toFixed(2)} ms main thread + ${cpu.runtimeOtherThreadsMs.toFixed(2)} ms other threads, ` +
    `benchmark ${cpu.benchmarkMs.toFixed(2)} ms; ${cpu.coresBusy.toFixed(1)} of ${cpu.cores} cores busy`
  );
}

function synthPart(startup: StartupResult): string {
  return startup.coldSynthMs === undefined ? '' : ` (synthesis and bundling ${seconds(startup.coldSynthMs)})`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
