import type { LogSink } from '../log-sink';
import { checkFaults, type RuntimeFaults } from './fault-settings';
import { seededRandom } from './seeded-random';

export type LambdaFaultDecision = 'none' | 'fail' | 'timeout';

/** What the services ask about faults. Each decision is drawn from the run's seed, so a run can be replayed. */
export interface FaultPlan {
  /** The seed of the run's random decisions; undefined when no random fault is on. */
  readonly seed: number | undefined;
  /** Whether this invocation of the function fails, times out, or runs as normal. */
  lambdaInvocation(functionName: string): LambdaFaultDecision;
  /** Whether a settled stream batch of a pipe is delivered a second time. */
  duplicatePipeBatch(): boolean;
  /** Whether a rule-target delivery of the bus is delivered a second time. */
  duplicateRuleDelivery(): boolean;
  /** Epoch ms until which SES refuses every send; 0 when no outage is planned. */
  readonly sesThrottleUntil: number;
}

export interface PlanFaultsOptions {
  /** Where the seed is drawn from when the faults give none: epoch ms. */
  now?: () => number;
  /** Told the seed once, so that the run can be replayed. */
  log?: LogSink;
}

/**
 * The run's fault plan: checks the settings, takes the seed (given, or drawn once from the clock) and gives each
 * service a random stream of its own derived from it, so one service's decisions do not depend on how often
 * another asks.
 */
export function planFaults(faults: RuntimeFaults = {}, options: PlanFaultsOptions = {}): FaultPlan {
  checkFaults(faults);
  const failShare = faults.lambda?.failShare ?? 0;
  const timeoutShare = faults.lambda?.timeoutShare ?? 0;
  const pipeDuplicateShare = faults.pipes?.duplicateShare ?? 0;
  const busDuplicateShare = faults.eventBridge?.duplicateShare ?? 0;
  const random = failShare + timeoutShare + pipeDuplicateShare + busDuplicateShare > 0;
  const seed = random ? (faults.seed ?? Math.floor((options.now ?? Date.now)())) : undefined;
  if (seed !== undefined) options.log?.(`fault seed ${seed}; replay with --fault-seed ${seed}`);
  const stream = (service: string): (() => number) => (seed === undefined ? () => 1 : seededRandom(deriveSeed(seed, service)));

  const lambdaDraw = stream('lambda');
  const affected = faults.lambda?.functionNames ? new Set(faults.lambda.functionNames) : undefined;
  const pipeDraw = stream('pipes');
  const busDraw = stream('eventbridge');
  return {
    seed,
    lambdaInvocation(functionName) {
      if (failShare + timeoutShare === 0 || (affected && !affected.has(functionName))) return 'none';
      const draw = lambdaDraw();
      if (draw < failShare) return 'fail';
      if (draw < failShare + timeoutShare) return 'timeout';
      return 'none';
    },
    duplicatePipeBatch: () => pipeDuplicateShare > 0 && pipeDraw() < pipeDuplicateShare,
    duplicateRuleDelivery: () => busDuplicateShare > 0 && busDraw() < busDuplicateShare,
    sesThrottleUntil: faults.ses?.throttleUntil ?? 0,
  };
}

/** No faults at all: what every service assumes when it is given no plan. */
export const NO_FAULTS: FaultPlan = planFaults();

/** A service's own seed: the run's seed and the service's name, hashed together (FNV-1a). */
function deriveSeed(seed: number, service: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${seed}:${service}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
