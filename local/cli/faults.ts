import { faultProblems, isShare, type RuntimeFaults } from '../faults';
import type { LocalRuntimeOptions } from '../runtime';

/** Fault injection for `npm start`: all off by default, switched on by flags or LOCAL_FAULT_* environment variables. */
export interface FaultSettings {
  /** Share of stream batches and of rule deliveries delivered a second time. */
  duplicateShare: number;
  /** Share of Lambda invocations that throw without running. */
  failShare: number;
  /** Share of Lambda invocations that run but whose caller sees a timeout. */
  timeoutShare: number;
  /** SES answers every send as throttled for this long after startup. */
  sesOutageSeconds: number;
  /** Seeds every fault decision of the run, so it can be replayed; drawn from the clock when absent. */
  seed: number | undefined;
  /** Retries after seconds rather than AWS's minutes. */
  fastRetries: boolean;
}

/** A bad flag or variable value; the message names the option and the value. */
export class FaultSettingError extends Error {}

interface FaultOption {
  flag: string;
  env: string;
  /** Undefined for a switch that takes no value. */
  valueName?: string;
  help: string;
  apply(settings: FaultSettings, raw: string, source: string): void;
}

/** One fault option: its flag, its environment variable, and the setting its value goes to, checked by `parse`. */
function option<K extends keyof FaultSettings>(
  flag: string,
  env: string,
  valueName: string | undefined,
  help: string,
  setting: K,
  parse: (raw: string, source: string) => FaultSettings[K],
): FaultOption {
  return { flag, env, valueName, help, apply: (settings, raw, source) => (settings[setting] = parse(raw, source)) };
}

const FAULT_OPTIONS: readonly FaultOption[] = [
  option('--duplicate-share', 'LOCAL_FAULT_DUPLICATE_SHARE', '<0..1>', 're-deliver this share of stream batches and of rule deliveries', 'duplicateShare', share),
  option('--fail-share', 'LOCAL_FAULT_FAIL_SHARE', '<0..1>', 'this share of Lambda invocations throw', 'failShare', share),
  option('--timeout-share', 'LOCAL_FAULT_TIMEOUT_SHARE', '<0..1>', 'this share of Lambda invocations run but time out', 'timeoutShare', share),
  option('--ses-outage-seconds', 'LOCAL_FAULT_SES_OUTAGE_SECONDS', '<n>', 'SES throttles every send for n seconds from startup', 'sesOutageSeconds', nonNegativeNumber),
  option('--fault-seed', 'LOCAL_FAULT_SEED', '<n>', 'seed of the pipe, bus and Lambda fault decisions (default: the clock)', 'seed', integer),
  option('--fast-retries', 'LOCAL_FAST_RETRIES', undefined, 'retry failed deliveries after 0.1-1 s instead of AWS minutes', 'fastRetries', flagValue),
];

/** Short retry delays of every emulated service; SQS visibility timeouts stay as synthesized. */
export const FAST_RETRY_DELAYS: NonNullable<LocalRuntimeOptions['retryDelays']> = {
  lambdaAsyncMs: [200, 400],
  eventBridgeMs: [100, 200, 400],
  pipeBackoff: { initialMs: 100, maxMs: 1000 },
};

export const FAULT_USAGE = FAULT_OPTIONS.map((option) => {
  const flag = option.valueName ? `${option.flag} ${option.valueName}` : option.flag;
  return `  ${flag.padEnd(26)}${option.help} (or ${option.env})`;
}).join('\n');

/** The fault flags as `parseArgs` options: those with a value are strings, the switches booleans. */
export const FAULT_FLAG_OPTIONS = Object.fromEntries(
  FAULT_OPTIONS.map((option) => [option.flag.slice(2), { type: option.valueName === undefined ? 'boolean' : 'string' } as const]),
) as Record<string, { type: 'string' } | { type: 'boolean' }>;

/** Environment first, then flags in order; `flags` holds `[flag, value]`, the value '1' for a switch. */
export function parseFaultSettings(flags: ReadonlyArray<readonly [string, string]>, env: NodeJS.ProcessEnv): FaultSettings {
  const settings: FaultSettings = { duplicateShare: 0, failShare: 0, timeoutShare: 0, sesOutageSeconds: 0, seed: undefined, fastRetries: false };
  for (const option of FAULT_OPTIONS) {
    const raw = env[option.env];
    if (raw !== undefined && raw !== '') option.apply(settings, raw, option.env);
  }
  for (const [flag, raw] of flags) {
    const option = FAULT_OPTIONS.find((candidate) => candidate.flag === flag);
    if (!option) throw new FaultSettingError(`${flag} is not a fault option`);
    option.apply(settings, raw, flag);
  }
  const problems = faultProblems(runtimeFaults(settings));
  if (problems.length > 0) throw new FaultSettingError(problems.join('; '));
  return settings;
}

/** The runtime options the settings ask for; the SES outage is started by the caller once the runtime is up. */
export function runtimeFaultOptions(settings: FaultSettings): Pick<LocalRuntimeOptions, 'faults' | 'retryDelays'> {
  return { faults: runtimeFaults(settings), retryDelays: settings.fastRetries ? FAST_RETRY_DELAYS : undefined };
}

function runtimeFaults(settings: FaultSettings): RuntimeFaults {
  return {
    seed: settings.seed,
    lambda: { failShare: settings.failShare, timeoutShare: settings.timeoutShare },
    pipes: { duplicateShare: settings.duplicateShare },
    eventBridge: { duplicateShare: settings.duplicateShare },
  };
}

/** One line for the banner, or undefined when no fault is on. */
export function describeFaults(settings: FaultSettings): string | undefined {
  const percent = (value: number): string => `${Math.round(value * 1000) / 10}%`;
  const parts = [
    settings.duplicateShare > 0 && `duplicates ${percent(settings.duplicateShare)}`,
    settings.failShare > 0 && `Lambda failures ${percent(settings.failShare)}`,
    settings.timeoutShare > 0 && `Lambda timeouts ${percent(settings.timeoutShare)}`,
    settings.sesOutageSeconds > 0 && `SES outage for ${settings.sesOutageSeconds} s`,
    settings.fastRetries && 'fast retries',
  ].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) return undefined;
  return `${parts.join(', ')}${settings.seed !== undefined ? ` (seed ${settings.seed})` : ''}`;
}

function share(raw: string, source: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !isShare(value)) {
    throw new FaultSettingError(`${source} must be a share from 0 to 1 (for example 0.3), got "${raw}"`);
  }
  return value;
}

function nonNegativeNumber(raw: string, source: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new FaultSettingError(`${source} must be a number of seconds, 0 or more, got "${raw}"`);
  return value;
}

function integer(raw: string, source: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(value)) throw new FaultSettingError(`${source} must be an integer, got "${raw}"`);
  return value;
}

function flagValue(raw: string, source: string): boolean {
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new FaultSettingError(`${source} must be 1/true/yes or 0/false/no, got "${raw}"`);
}
