/**
 * The faults the local runtime can inject, all off by default. A share is the part (0 to 1) of the events a
 * fault hits; which events is decided by the run's seed (see `planFaults`).
 */
export interface LambdaFaults {
  /** The share of invocations that fail without running the handler. */
  failShare?: number;
  /** The share of invocations whose handler runs but whose caller sees a timeout, as when a handler overruns. */
  timeoutShare?: number;
  /** Only these functions (by name) are affected; all when omitted. */
  functionNames?: string[];
}

export interface PipeFaults {
  /** The share of settled batches delivered a second time, as after a crash before the checkpoint. */
  duplicateShare?: number;
}

export interface EventBridgeFaults {
  /** The share of rule-target deliveries that are delivered a second time, to prove consumers idempotent. */
  duplicateShare?: number;
}

export interface SesFaults {
  /** Epoch ms until which every send is refused as throttled. */
  throttleUntil?: number;
}

export interface RuntimeFaults {
  /** Seed of every random fault decision of the run; drawn from the clock when absent. */
  seed?: number;
  lambda?: LambdaFaults;
  pipes?: PipeFaults;
  eventBridge?: EventBridgeFaults;
  ses?: SesFaults;
}

/** A share of events: a number from 0 to 1. */
export function isShare(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= 1;
}

/** A fault setting out of its range; the message names the setting and the value. */
export class FaultSettingsError extends Error {}

/** Every problem of a set of faults, each named; empty when they can all be injected. */
export function faultProblems(faults: RuntimeFaults): string[] {
  const problems: string[] = [];
  const share = (service: string, name: string, value: number | undefined): void => {
    if (value !== undefined && !isShare(value)) problems.push(`${service} fault ${name} must be between 0 and 1, got ${value}`);
  };
  share('Lambda', 'failShare', faults.lambda?.failShare);
  share('Lambda', 'timeoutShare', faults.lambda?.timeoutShare);
  share('Pipe', 'duplicateShare', faults.pipes?.duplicateShare);
  share('EventBridge', 'duplicateShare', faults.eventBridge?.duplicateShare);
  const failShare = faults.lambda?.failShare ?? 0;
  const timeoutShare = faults.lambda?.timeoutShare ?? 0;
  if (isShare(failShare) && isShare(timeoutShare) && failShare + timeoutShare > 1) {
    problems.push(`The Lambda fail share (${failShare}) and timeout share (${timeoutShare}) add up to more than 1`);
  }
  const throttleUntil = faults.ses?.throttleUntil;
  if (throttleUntil !== undefined && !(Number.isFinite(throttleUntil) && throttleUntil >= 0)) {
    problems.push(`SES fault throttleUntil must be a time in epoch milliseconds, got ${throttleUntil}`);
  }
  if (faults.seed !== undefined && !Number.isSafeInteger(faults.seed)) problems.push(`The fault seed must be an integer, got ${faults.seed}`);
  return problems;
}

export function checkFaults(faults: RuntimeFaults): void {
  const problems = faultProblems(faults);
  if (problems.length > 0) throw new FaultSettingsError(problems.join('; '));
}
