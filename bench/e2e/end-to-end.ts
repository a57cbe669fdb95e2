import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { forEachConcurrently } from '../../support/concurrency';
import { readAuditLog } from '../../support/observers/audit-log';
import { capturedMail } from '../../support/observers/mail';
import { stackNames } from '../../support/stack-names';
import { sleep } from '../../support/waiting';
import { benchClients, STALL_LIMIT_MS, startBenchRuntime } from './bench-runtime';
import { startCpuMeter, type CpuPerUser } from './cpu-meter';
import { MailCollector } from './mail-collector';
import { openConsole } from './open-console';
import { measurePacedLatency, type PacedLatency } from './paced-latency';
import { progress as benchProgress } from './progress';
import { StallWatchdog } from './stall-watchdog';
import { percentile } from './stats';
import { benchUsers, insertUser, type BenchUser } from './users';

/** How the runtime runs for one end-to-end pass. */
export interface EndToEndVariant {
  /** For progress lines and the report. */
  name: string;
  /** npm start's flags besides the assembly's. */
  startArgs: string[];
  /** Keep the console open, as a developer would, refetching its pages on each live update. */
  console: boolean;
  /** Measure the paced latency afterwards. */
  paced: boolean;
}

/** How a developer runs it: local IAM enforced, every hop traced, the console open. The headline figures. */
export const AS_A_DEVELOPER_RUNS_IT: EndToEndVariant = { name: 'end to end', startArgs: [], console: true, paced: true };
/** Local IAM off, everything else the same: what IAM costs. */
export const WITHOUT_IAM: EndToEndVariant = { name: 'end to end, --iam off', startArgs: ['--iam', 'off'], console: true, paced: false };
/** No tracing and no console open, everything else the same: what the console and its tracing cost. */
export const WITHOUT_TRACING: EndToEndVariant = { name: 'end to end, --no-tracing, console closed', startArgs: ['--no-tracing'], console: false, paced: false };

export interface EndToEndResult {
  users: number;
  /** Users per second, from the first insert to the last user with both its email and its audit record. */
  perSecond: number;
  insertsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** How precisely capture times are known (see MailCollector). */
  latencyResolutionMs: number;
  peakRssBytes: number;
  cpu: CpuPerUser;
  /** The same latency, measured afterwards on the same runtime at half the throughput just measured (if asked). */
  paced: PacedLatency | undefined;
  /** Live updates the console, open throughout, received and refetched its pages for. */
  consoleRefreshes: number;
}

/** A scan of 10,000 audit records costs the runtime about 100 ms: rare while mail still arrives, often after. */
const AUDIT_SCAN_WHILE_MAILING_MS = 5_000;
const AUDIT_SCAN_AFTER_MAIL_MS = 250;
const PROGRESS_EVERY_MS = 2_000;
const PACED_SHARE_OF_THROUGHPUT = 0.5;
/**
 * Each poll answers with all mail since the start of the previous poll's second, serialized on the runtime's main
 * thread. In side-by-side saturated passes, polling every 250 ms rather than 50 cost the runtime's main thread about
 * 4% less, and the benchmark an eighth less. The runtime stamps capture times to the millisecond, so polling less
 * often loses no precision.
 */
const SATURATED_MAIL_POLL_EVERY_MS = 500;

/** Inserts users through the DynamoDB endpoint of a fresh `npm start` until every one has its email and audit record. */
export async function runEndToEnd(assemblyDir: string, userCount: number, concurrency: number, variant: EndToEndVariant): Promise<EndToEndResult> {
  const progress = (line: string): void => benchProgress(`${variant.name}: ${line}`);
  progress(`starting a fresh runtime (npm start -- --in-memory --assembly, at the raised SES quota ${variant.startArgs.join(' ')})`.trimEnd());
  const runtime = await startBenchRuntime({ assemblyDir, args: variant.startArgs });
  const clients = benchClients(runtime.endpoint, concurrency);
  const users = benchUsers(Date.now().toString(36), userCount);
  const mail = new MailCollector(runtime.endpoint, new Set(users.map((user) => user.email)), SATURATED_MAIL_POLL_EVERY_MS);
  const insertedAt = new Array<number>(userCount);
  let inserted = 0;
  let auditRecords = new Map<string, number[]>();
  let finished = false;
  const stopped = (): boolean => finished;
  const counts = (): string =>
    `${inserted}/${userCount} inserted, ${mail.recipientCount}/${userCount} welcome emails, ${auditRecords.size}/${userCount} audit records`;
  const watchdog = new StallWatchdog(STALL_LIMIT_MS, counts);
  const ticker = setInterval(() => progress(`${counts()}`), PROGRESS_EVERY_MS);
  try {
    progress(`runtime ready on ${runtime.endpoint} (pid ${runtime.runtimePid}); inserting ${userCount} users, ${concurrency} at a time`);
    const liveConsole = variant.console ? openConsole(runtime.endpoint) : undefined;
    const startedAt = Date.now();
    const cpuMeter = startCpuMeter(runtime.runtimePid);
    const inserting = forEachConcurrently(users, concurrency, async (user, index) => {
      await insertUser(clients.dynamodb, user);
      insertedAt[index] = Date.now();
      inserted++;
      watchdog.progressed();
    }).then(() => progress(`all ${userCount} inserted in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`));
    const following = Promise.all([
      mail.follow(stopped, () => watchdog.progressed()),
      followAuditRecords(clients.dynamodb, userCount, {
        stopped,
        mailComplete: () => mail.recipientCount === userCount,
        scanned: (records) => {
          if (records.size > auditRecords.size) watchdog.progressed();
          auditRecords = records;
        },
      }),
    ]);
    await Promise.race([Promise.all([inserting, following]), watchdog.failure, runtime.unexpectedExit]);
    const cpu = cpuMeter.stop(userCount);
    clearInterval(ticker);

    await checkExactlyOnce(runtime.endpoint, users, auditRecords);
    const completedAt = Math.max(...users.map((user) => Math.max(mail.captureTimeOf(user.email) as number, ...(auditRecords.get(user.userId) ?? []))));
    const perSecond = userCount / ((completedAt - startedAt) / 1000);
    progress(`${perSecond.toFixed(1)} users/s; every user has exactly one welcome email and one audit record`);
    const latencies = users.map((user, index) => (mail.captureTimeOf(user.email) as number) - insertedAt[index]);

    const pacedUsers = Math.max(100, Math.min(1_000, Math.round(userCount / 10)));
    const paced = variant.paced
      ? await Promise.race([measurePacedLatency(runtime.endpoint, clients, pacedUsers, perSecond * PACED_SHARE_OF_THROUGHPUT, STALL_LIMIT_MS), runtime.unexpectedExit])
      : undefined;
    await liveConsole?.close();
    const peakRssBytes = runtime.peakRssBytes();
    if (peakRssBytes === 0) throw new Error(`Cannot read the peak RSS of the runtime (pid ${runtime.runtimePid})`);
    return {
      users: userCount,
      perSecond,
      insertsPerSecond: userCount / ((Math.max(...insertedAt) - startedAt) / 1000),
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      latencyResolutionMs: mail.resolutionMs(),
      peakRssBytes,
      cpu,
      paced,
      consoleRefreshes: liveConsole?.refreshes ?? 0,
    };
  } finally {
    finished = true;
    clearInterval(ticker);
    watchdog.stop();
    clients.destroy();
    await runtime.stop();
  }
}

interface AuditFollowing {
  stopped(): boolean;
  mailComplete(): boolean;
  scanned(records: Map<string, number[]>): void;
}

/** Scans the audit log until it holds a record for every user; seldom while mail still arrives, since each scan costs the runtime. */
async function followAuditRecords(dynamodb: DynamoDBClient, userCount: number, following: AuditFollowing): Promise<void> {
  let scannedAt = 0;
  let recorded = 0;
  while (!following.stopped() && recorded < userCount) {
    if (following.mailComplete() || Date.now() - scannedAt >= AUDIT_SCAN_WHILE_MAILING_MS) {
      const records = await readAuditLog(dynamodb, stackNames().auditLogTable);
      scannedAt = Date.now();
      recorded = records.size;
      following.scanned(records);
    }
    if (recorded < userCount) await sleep(AUDIT_SCAN_AFTER_MAIL_MS);
  }
}

/** Delivery is at least once, handlers idempotent: the figures only count if each user got one of each. */
async function checkExactlyOnce(endpoint: string, users: readonly BenchUser[], audit: Map<string, number[]>): Promise<void> {
  const emailsPerRecipient = new Map<string, number>();
  for (const message of await capturedMail(endpoint)) {
    for (const recipient of message.Destination.ToAddresses) emailsPerRecipient.set(recipient, (emailsPerRecipient.get(recipient) ?? 0) + 1);
  }
  const wrongMail = users.filter((user) => emailsPerRecipient.get(user.email) !== 1).length;
  const wrongAudit = users.filter((user) => audit.get(user.userId)?.length !== 1).length;
  if (wrongMail > 0 || wrongAudit > 0) {
    throw new Error(`Not exactly once: ${wrongMail} users without exactly one welcome email, ${wrongAudit} without exactly one audit record`);
  }
}
