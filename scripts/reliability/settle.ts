import type { LocalAwsClients } from '../../support/aws-clients';
import { readAuditLog } from '../../support/observers/audit-log';
import { capturedMail } from '../../support/observers/mail';
import { queueDepth } from '../../support/observers/queues';
import { stackNames } from '../../support/stack-names';
import { waitFor } from '../../support/waiting';

export interface PipelineSnapshot {
  emails: number;
  auditRecords: number;
  /** Welcome-email messages waiting, in flight or back after a failure. */
  queued: number;
  /** Messages in the dead-letter queues, as the reconciliation's dead-letter entries count them. */
  deadLettered: number;
  /** Messages in the rejected-users queue: a redelivered stream batch can reject one user twice, so not users. */
  rejectedMessages: number;
}

/** The drain deadline of the command-line runs: twenty thousand users take minutes to drain after a kill. */
export const COMMAND_LINE_DRAIN_DEADLINE_MS = 600_000;

export interface SettleOptions {
  /** How long nothing may change before the pipeline counts as drained. */
  quietMs?: number;
  /** The kit's wait deadline when undefined. */
  timeoutMs?: number;
  /** Called with each snapshot, for progress lines. */
  onSnapshot?: (snapshot: PipelineSnapshot) => void;
}

/**
 * Waits until the pipeline has drained: the welcome-email queue is empty and no count has moved for `quietMs`,
 * longer than any retry delay of the fast-retry settings. Messages a crash left in flight keep the queue
 * non-empty until their visibility timeout brings them back, so they are waited for too.
 */
export async function waitUntilSettled(clients: LocalAwsClients, options: SettleOptions = {}): Promise<PipelineSnapshot> {
  const quietMs = options.quietMs ?? 5_000;
  let previous = '';
  let unchangedSince = Date.now();
  return waitFor(
    'the pipeline to settle',
    async () => {
      const snapshot = await takeSnapshot(clients);
      options.onSnapshot?.(snapshot);
      const key = JSON.stringify(snapshot);
      if (key !== previous) {
        previous = key;
        unchangedSince = Date.now();
        return undefined;
      }
      return snapshot.queued === 0 && Date.now() - unchangedSince >= quietMs ? snapshot : undefined;
    },
    { timeoutMs: options.timeoutMs, intervalMs: 1000, lastSeen: () => previous },
  );
}

/** A progress line per snapshot, at most every `intervalMs`. */
export function progressLines(log: (line: string) => void, intervalMs: number): (snapshot: PipelineSnapshot) => void {
  let last = 0;
  return (snapshot) => {
    if (Date.now() - last < intervalMs) return;
    last = Date.now();
    log(
      `draining: ${snapshot.emails} emails, ${snapshot.auditRecords} audit records, ${snapshot.queued} queued, ` +
        `${snapshot.deadLettered} dead-letter entries, ${snapshot.rejectedMessages} rejected-users messages (a user can be rejected twice)`,
    );
  };
}

export async function takeSnapshot(clients: LocalAwsClients): Promise<PipelineSnapshot> {
  const names = stackNames();
  const { rejectedUsers, ...deadLetterQueues } = names.deadLetterQueues;
  const [mail, auditLog, queued, rejectedMessages, ...deadLettered] = await Promise.all([
    capturedMail(clients.endpoint),
    readAuditLog(clients.dynamodb, names.auditLogTable),
    queueDepth(clients.sqs, names.welcomeEmailQueue),
    queueDepth(clients.sqs, rejectedUsers),
    ...Object.values(deadLetterQueues).map((name) => queueDepth(clients.sqs, name)),
  ]);
  const auditRecords = [...auditLog.values()].reduce((sum, times) => sum + times.length, 0);
  return { emails: mail.length, auditRecords, queued, deadLettered: deadLettered.reduce((sum, depth) => sum + depth, 0), rejectedMessages };
}
