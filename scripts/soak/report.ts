import { unexplainedDuplicateEmails } from '../reliability/crash-window';
import { describeReconciliation, type Reconciliation } from '../reliability/reconcile';

/** The soak's last line, one JSON object. */
export interface SoakSummary {
  usersCreated: number;
  emailsSent: number;
  auditRecords: number;
  dlqEntries: number;
  duplicatesSuppressed: number;
  duplicateEmails: number;
  lost: number;
  peakRssMb: number;
}

export function soakReport(result: Reconciliation, run: { killedAt: number[]; duplicatesSuppressed: number; peakRssMb: number; elapsedMs: number }): string {
  const summary: SoakSummary = {
    usersCreated: result.usersCreated,
    emailsSent: result.emailsSent,
    auditRecords: result.auditRecords,
    dlqEntries: result.dlqEntries,
    duplicatesSuppressed: run.duplicatesSuppressed,
    duplicateEmails: result.duplicateEmails,
    lost: result.lost,
    peakRssMb: run.peakRssMb,
  };
  const interrupted = result.duplicateEmails - unexplainedDuplicateEmails(result.duplicateEmailTimes, run.killedAt).length;
  const lines = [
    ...describeReconciliation(result),
    `duplicate emails of sends a kill interrupted (see crash-window.ts): ${interrupted} of ${result.duplicateEmails}`,
    `duplicates suppressed:  ${run.duplicatesSuppressed}`,
    `peak RSS:               ${run.peakRssMb} MiB`,
  ];
  const heading = `Reconciliation (${run.killedAt.length} kills, ${Math.round(run.elapsedMs / 1000)} s including the drain)`;
  return `\n${heading}\n${lines.map((line) => `  ${line}`).join('\n')}\n\n${JSON.stringify(summary)}\n`;
}
