import * as os from 'node:os';
import { processCpuMs } from '../../support/child-runtime/proc';

/**
 * Where the CPU went during a phase, per user: the runtime's main thread (endpoint, emulated services), its other
 * threads (Lambda workers, GC and libuv helpers), and this benchmark's own process (SDK clients and polling).
 * On a machine with few cores, throughput follows these costs.
 */
export interface CpuPerUser {
  runtimeMainThreadMs: number;
  runtimeOtherThreadsMs: number;
  benchmarkMs: number;
  /** Cores kept busy by the two processes together, on average over the phase. */
  coresBusy: number;
  cores: number;
}

export function startCpuMeter(runtimePid: number): { stop(users: number): CpuPerUser } {
  const runtimeAtStart = processCpuMs(runtimePid);
  const benchmarkAtStart = process.cpuUsage();
  const startedAt = performance.now();
  return {
    stop(users) {
      const runtime = processCpuMs(runtimePid);
      const benchmark = process.cpuUsage(benchmarkAtStart);
      const mainThread = runtime.mainThread - runtimeAtStart.mainThread;
      const otherThreads = runtime.otherThreads - runtimeAtStart.otherThreads;
      const benchmarkMs = (benchmark.user + benchmark.system) / 1000;
      return {
        runtimeMainThreadMs: mainThread / users,
        runtimeOtherThreadsMs: otherThreads / users,
        benchmarkMs: benchmarkMs / users,
        coresBusy: (mainThread + otherThreads + benchmarkMs) / (performance.now() - startedAt),
        cores: os.availableParallelism(),
      };
    },
  };
}
