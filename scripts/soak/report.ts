import { crashWindowBreaches, killInterruptedSends, unexplainedDuplicateEmails } from '../reliability/crash-window';
import { describeReconciliation, type Reconciliation } from '../reliability/reconcile';

/** The soak's last line, one JSON object. */
export interface SoakSummary {
  usersCreated: number;
  emailsSent: number;
  auditRecords: number;
  dlqEntries: number;
  duplicatesSuppressed: number;
  duplicateEmails: number;
  /** Duplicate emails the crash window allowed: sends a kill interrupted, sent again after the restart. */
  killInterruptedSends: number;
  lost: number;
  peakRssMb: number;
}

export interface SoakRun {
  killedAt: number[];
  /** The welcome-email sandboxes one kill ends at most: each may repeat the one send it had in flight. */
  sandboxesPerKill: number;
  duplicatesSuppressed: number;
  peakRssMb: number;
  elapsedMs: number;
}

export interface SoakReport {
  text: string;
  /** Nothing lost, and every duplicate email one a kill explains, within one per killed sandbox. */
  passed: boolean;
}

export function soakReport(result: Reconciliation, run: SoakRun): SoakReport {
  const interruptedPerKill = killInterruptedSends(result.duplicateEmailTimes, run.killedAt);
  const unexplained = unexplainedDuplicateEmails(result.duplicateEmailTimes, run.killedAt);
  const breaches = crashWindowBreaches(interruptedPerKill, run.sandboxesPerKill);
  const summary: SoakSummary = {
    usersCreated: result.usersCreated,
    emailsSent: result.emailsSent,
    auditRecords: result.auditRecords,
    dlqEntries: result.dlqEntries,
    duplicatesSuppressed: run.duplicatesSuppressed,
    duplicateEmails: result.duplicateEmails,
    killInterruptedSends: interruptedPerKill.reduce((total, count) => total + count, 0),
    lost: result.lost,
    peakRssMb: run.peakRssMb,
  };
  const lines = [
    ...describeReconciliation(result),
    `duplicate emails of sends a kill interrupted (see crash-window.ts): ${summary.killInterruptedSends} of ${result.duplicateEmails}`,
    `sends each kill interrupted: ${JSON.stringify(interruptedPerKill)}, at most ${run.sandboxesPerKill} (one per welcome-email sandbox)`,
    `duplicates suppressed:  ${run.duplicatesSuppressed}`,
    `peak RSS:               ${run.peakRssMb} MiB`,
  ];
  const heading = `Reconciliation (${run.killedAt.length} kills, ${Math.round(run.elapsedMs / 1000)} s including the drain)`;
  return {
    text: `\n${heading}\n${lines.map((line) => `  ${line}`).join('\n')}\n\n${JSON.stringify(summary)}\n`,
    passed: result.lost === 0 && unexplained.length === 0 && breaches.length === 0,
  };
}
