import type { LocalAwsClients } from '../../support/aws-clients';
import { readAuditLog } from '../../support/observers/audit-log';
import { stackNames, type DeadLetterQueueRole } from '../../support/stack-names';
import { readDeadLetters, type DeadLetter } from './dead-letters';
import { mailTimesByUser } from './observe';

/** The users a run created: valid ones must get one email and one audit record, poison ones must be rejected. */
export interface CreatedUsers {
  valid: ReadonlySet<string>;
  poison: ReadonlySet<string>;
}

export interface Reconciliation {
  usersCreated: number;
  poisonUsers: number;
  emailsSent: number;
  auditRecords: number;
  /** Messages in the dead-letter queues, the rejected-users queue not included. */
  dlqEntries: number;
  /** Distinct users in the rejected-users queue; a redelivered stream batch may put a record there twice. */
  rejectedUsers: number;
  duplicateEmails: number;
  duplicateAuditRecords: number;
  /** Valid users without their email or audit record and in no DLQ for it, and poison users nowhere. */
  lost: number;
  lostUserIds: string[];
  /** When each user's emails were captured, for users with more than one. */
  duplicateEmailTimes: Map<string, number[]>;
  deadLetters: DeadLetter[];
}

const EMAIL_PATH_DLQS: DeadLetterQueueRole[] = ['welcomeEmail', 'userCreatedPipe'];
const AUDIT_PATH_DLQS: DeadLetterQueueRole[] = ['auditLog', 'userCreatedPipe'];
/** A rejected record is parked by the pipe's enrichment; a batch whose park kept failing is in the pipe's DLQ. */
const REJECTION_QUEUES: DeadLetterQueueRole[] = ['rejectedUsers', 'userCreatedPipe'];

/** What a run left at the end of each path: captured mail, audit records and dead letters, per user. */
export interface PipelineOutcome {
  /** When each user's welcome emails were captured (epoch ms, in order). */
  mailTimes: ReadonlyMap<string, number[]>;
  auditRecords: ReadonlyMap<string, number>;
  deadLetters: DeadLetter[];
}

/** Reads the outcome from the runtime and judges it. */
export async function reconcile(clients: LocalAwsClients, users: CreatedUsers): Promise<Reconciliation> {
  return judgeOutcome(await readOutcome(clients), users);
}

export async function readOutcome(clients: LocalAwsClients): Promise<PipelineOutcome> {
  const [mailTimes, auditLog, deadLetters] = await Promise.all([
    mailTimesByUser(clients.endpoint),
    readAuditLog(clients.dynamodb, stackNames().auditLogTable),
    readDeadLetters(clients),
  ]);
  return { mailTimes, auditRecords: new Map([...auditLog].map(([userId, times]) => [userId, times.length])), deadLetters };
}

/** Counts what reached the end of each path, and which users are in neither the result nor a DLQ. */
export function judgeOutcome(outcome: PipelineOutcome, users: CreatedUsers): Reconciliation {
  const { mailTimes, auditRecords: audit, deadLetters } = outcome;
  const mail = new Map([...mailTimes].map(([userId, times]) => [userId, times.length]));
  const parkedIn = new Map<string, Set<DeadLetterQueueRole>>();
  for (const letter of deadLetters) {
    for (const userId of letter.userIds) parkedIn.set(userId, (parkedIn.get(userId) ?? new Set()).add(letter.queue));
  }
  const parked = (userId: string, queues: DeadLetterQueueRole[]): boolean => queues.some((queue) => parkedIn.get(userId)?.has(queue));

  const lostUserIds: string[] = [];
  for (const userId of users.valid) {
    const emailAccounted = (mail.get(userId) ?? 0) > 0 || parked(userId, EMAIL_PATH_DLQS);
    const auditAccounted = (audit.get(userId) ?? 0) > 0 || parked(userId, AUDIT_PATH_DLQS);
    if (!emailAccounted || !auditAccounted) lostUserIds.push(userId);
  }
  for (const userId of users.poison) if (!parked(userId, REJECTION_QUEUES)) lostUserIds.push(userId);

  const sum = (counts: ReadonlyMap<string, number>): number => [...counts.values()].reduce((total, count) => total + count, 0);
  const extra = (counts: ReadonlyMap<string, number>): number => [...counts.values()].reduce((total, count) => total + Math.max(0, count - 1), 0);
  const rejected = deadLetters.filter((letter) => letter.queue === 'rejectedUsers');
  return {
    usersCreated: users.valid.size + users.poison.size,
    poisonUsers: users.poison.size,
    emailsSent: sum(mail),
    auditRecords: sum(audit),
    dlqEntries: deadLetters.length - rejected.length,
    rejectedUsers: new Set(rejected.flatMap((letter) => letter.userIds)).size,
    duplicateEmails: extra(mail),
    duplicateAuditRecords: extra(audit),
    lost: lostUserIds.length,
    lostUserIds,
    duplicateEmailTimes: new Map([...mailTimes].filter(([, times]) => times.length > 1)),
    deadLetters,
  };
}

/** Human-readable lines of a reconciliation. */
export function describeReconciliation(result: Reconciliation): string[] {
  const byQueue = new Map<string, number>();
  for (const letter of result.deadLetters) {
    if (letter.queue !== 'rejectedUsers') byQueue.set(letter.queue, (byQueue.get(letter.queue) ?? 0) + 1);
  }
  const sample = (ids: string[]): string => (ids.length === 0 ? '' : ` (${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''})`);
  return [
    `users created:          ${result.usersCreated} (${result.poisonUsers} of them poison)`,
    `emails sent:            ${result.emailsSent}`,
    `audit records:          ${result.auditRecords}`,
    `rejected users:         ${result.rejectedUsers}`,
    `dead-letter entries:    ${result.dlqEntries}${byQueue.size > 0 ? ` (${[...byQueue].map(([queue, count]) => `${queue} ${count}`).join(', ')})` : ''}`,
    `duplicate emails:       ${result.duplicateEmails}${sample([...result.duplicateEmailTimes.keys()])}`,
    `duplicate audit records: ${result.duplicateAuditRecords}`,
    `lost:                   ${result.lost}${sample(result.lostUserIds)}`,
  ];
}
