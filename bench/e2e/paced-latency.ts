import type { AwsClients } from '../../support/aws-clients';
import { sleep } from '../../support/waiting';
import { MailCollector } from './mail-collector';
import { pacedBreakdown, type PacedBreakdown } from './paced-breakdown';
import { progress } from './progress';
import { StallWatchdog } from './stall-watchdog';
import { percentile } from './stats';
import { benchUsers, insertUser } from './users';

/**
 * Insert-to-email latency at a pace the pipeline sustains. Inserting as fast as the endpoint takes them builds a
 * backlog whenever inserts outrun the pipeline, and the saturated latency then measures that queue; these inserts
 * go out on a fixed schedule (open loop) below the measured throughput, so they measure the pipeline's own delay.
 */
export interface PacedLatency {
  users: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  breakdown: PacedBreakdown;
}

export async function measurePacedLatency(
  endpoint: string,
  clients: AwsClients,
  userCount: number,
  perSecond: number,
  stallLimitMs: number,
): Promise<PacedLatency> {
  const users = benchUsers(`paced-${Date.now().toString(36)}`, userCount);
  const mail = new MailCollector(endpoint, new Set(users.map((user) => user.email)));
  const insertedAt = new Array<number>(userCount);
  const watchdog = new StallWatchdog(stallLimitMs, () => `${mail.recipientCount}/${userCount} paced users' welcome emails`);
  progress(`paced latency: ${userCount} users at ${perSecond.toFixed(1)} inserts/s`);
  let finished = false;
  try {
    const startedAt = Date.now();
    const inserting = (async () => {
      const inserts: Promise<void>[] = [];
      for (const [index, user] of users.entries()) {
        const due = startedAt + (index * 1000) / perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
        inserts.push(
          insertUser(clients.dynamodb, user).then(() => {
            insertedAt[index] = Date.now();
            watchdog.progressed();
          }),
        );
      }
      await Promise.all(inserts);
    })();
    const collecting = mail.follow(
      () => finished,
      () => watchdog.progressed(),
    );
    await Promise.race([Promise.all([inserting, collecting]), watchdog.failure]);
    const latencies = users.map((user, index) => (mail.captureTimeOf(user.email) as number) - insertedAt[index]);
    progress('paced latency: reading the newest paced users\' paths from the console, to see where the time went');
    const breakdown = await pacedBreakdown(endpoint, users.map((user) => user.userId));
    return {
      users: userCount,
      perSecond,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      breakdown,
    };
  } finally {
    finished = true;
    watchdog.stop();
  }
}
