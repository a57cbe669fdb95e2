import type { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { sleep } from '../../support/waiting';

export interface KillPlan {
  startedAt: number;
  durationMs: number;
  /** npm start's fault flags, passed again on every restart. */
  faultArgs: string[];
  sesOutageSeconds: number;
  log: (line: string) => void;
}

/**
 * SIGKILLs the runtime at random moments of the run, one per 20 s (at least one), and restarts it on the same
 * state; the first restart begins an SES outage. Resolves with the moments each killed runtime was seen to have
 * exited (epoch ms), which everything it did precedes.
 */
export async function killAtRandomMoments(runtime: ChildRuntime, plan: KillPlan): Promise<number[]> {
  const count = Math.max(1, Math.floor(plan.durationMs / 20_000));
  const moments = Array.from({ length: count }, () => plan.startedAt + plan.durationMs * (0.1 + 0.8 * Math.random())).sort((a, b) => a - b);
  const killedAt: number[] = [];
  for (const [index, moment] of moments.entries()) {
    await sleep(moment - Date.now());
    await runtime.kill();
    killedAt.push(Date.now());
    const outage = index === 0 ? ['--ses-outage-seconds', String(plan.sesOutageSeconds)] : [];
    plan.log(`SIGKILL ${index + 1} of ${count}; restarting on the same state${outage.length > 0 ? `, with a ${plan.sesOutageSeconds} s SES outage` : ''}`);
    await runtime.restart([...plan.faultArgs, ...outage]);
  }
  return killedAt;
}
