import { seededRandom } from '../faults/seeded-random';

/** Fault injection (off by default): a share of invocations throw, or time out after running. */
export interface LambdaFaults {
  /** 0..1: the share of invocations that fail without running the handler. */
  failShare?: number;
  /** 0..1: the share of invocations whose handler runs but whose caller sees a timeout, as when a handler overruns. */
  timeoutShare?: number;
  /** Seed of the decisions, so a run can be replayed. */
  seed?: number;
  /** Only these functions (by name) are affected; all when omitted. */
  functionNames?: string[];
}

export type FaultDecision = 'none' | 'fail' | 'timeout';

export function createFaultInjector(faults: LambdaFaults | undefined): (functionName: string) => FaultDecision {
  const failShare = faults?.failShare ?? 0;
  const timeoutShare = faults?.timeoutShare ?? 0;
  for (const [name, share] of [['failShare', failShare], ['timeoutShare', timeoutShare]] as const) {
    if (!(share >= 0 && share <= 1)) throw new Error(`Lambda fault ${name} must be between 0 and 1, got ${share}`);
  }
  if (failShare === 0 && timeoutShare === 0) return () => 'none';
  const random = seededRandom(faults?.seed ?? Date.now());
  const affected = faults?.functionNames ? new Set(faults.functionNames) : undefined;
  return (functionName) => {
    if (affected && !affected.has(functionName)) return 'none';
    const draw = random();
    if (draw < failShare) return 'fail';
    if (draw < failShare + timeoutShare) return 'timeout';
    return 'none';
  };
}
