import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AwsClients } from './clients';
import { sleep } from './concurrency';
import { AUDIT_TABLE, DEAD_LETTER_QUEUES, WELCOME_EMAIL_QUEUE } from './names';
import { queueDepth } from './observe';

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

export interface SettleOptions {
  /** How long nothing may change before the pipeline counts as drained. */
  quietMs?: number;
  timeoutMs?: number;
  /** Called with each snapshot, for progress lines. */
  onSnapshot?: (snapshot: PipelineSnapshot) => void;
}

/**
 * Waits until the pipeline has drained: the welcome-email queue is empty and no count has moved for `quietMs`,
 * longer than any retry delay of the fast-retry settings. Messages a crash left in flight keep the queue
 * non-empty until their visibility timeout brings them back, so they are waited for too.
 */
export async function waitUntilSettled(clients: AwsClients, options: SettleOptions = {}): Promise<PipelineSnapshot> {
  const quietMs = options.quietMs ?? 5_000;
  const deadline = Date.now() + (options.timeoutMs ?? 600_000);
  let previous = '';
  let unchangedSince = Date.now();
  for (;;) {
    const snapshot = await takeSnapshot(clients);
    options.onSnapshot?.(snapshot);
    const key = JSON.stringify(snapshot);
    if (key !== previous) {
      previous = key;
      unchangedSince = Date.now();
    } else if (snapshot.queued === 0 && Date.now() - unchangedSince >= quietMs) {
      return snapshot;
    }
    if (Date.now() > deadline) throw new Error(`The pipeline did not settle in time; last counts ${key}`);
    await sleep(1000);
  }
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

export async function takeSnapshot(clients: AwsClients): Promise<PipelineSnapshot> {
  const { rejectedUsers, ...deadLetterQueues } = DEAD_LETTER_QUEUES;
  const [emails, auditRecords, queued, rejectedMessages, ...deadLettered] = await Promise.all([
    countMail(clients.endpoint),
    countAuditRecords(clients),
    queueDepth(clients, WELCOME_EMAIL_QUEUE),
    queueDepth(clients, rejectedUsers),
    ...Object.values(deadLetterQueues).map((name) => queueDepth(clients, name)),
  ]);
  return { emails, auditRecords, queued, deadLettered: deadLettered.reduce((sum, depth) => sum + depth, 0), rejectedMessages };
}

async function countMail(endpoint: string): Promise<number> {
  const response = await fetch(`${endpoint}/_aws/ses`);
  if (!response.ok) throw new Error(`GET ${endpoint}/_aws/ses answered ${response.status}`);
  return ((await response.json()) as { messages: unknown[] }).messages.length;
}

async function countAuditRecords(clients: AwsClients): Promise<number> {
  let count = 0;
  let startKey: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await clients.dynamodb.send(new ScanCommand({ TableName: AUDIT_TABLE, Select: 'COUNT', ExclusiveStartKey: startKey }));
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
