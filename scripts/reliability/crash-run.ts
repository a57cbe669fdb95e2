import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAwsClients } from '../../support/aws-clients';
import { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { forEachConcurrently } from '../../support/concurrency';
import { sleep, waitFor } from '../../support/waiting';
import { reconcile, type Reconciliation } from './reconcile';
import { progressLines, waitUntilSettled } from './settle';
import { SuppressionCounter } from './suppression-counter';
import { validUser } from './users';
import { insertUser } from './writes';

export interface CrashRunOptions {
  projectDir: string;
  users: number;
  kills: number;
  /** Inserts in flight at once. */
  concurrency?: number;
  /** Progress lines. */
  log?: (line: string) => void;
  /** How long the pipeline may take to drain after the burst; the kit's wait deadline by default. */
  drainTimeoutMs?: number;
}

export interface CrashRunResult {
  reconciliation: Reconciliation;
  /** When each killed runtime was seen to have exited (epoch ms): everything it did happened before. */
  killedAt: number[];
  suppressedDuplicates: number;
  peakRssMb: number;
  durationMs: number;
}

/**
 * Inserts `users` users into a runtime running as a child process, SIGKILLs it `kills` times at random points of
 * the burst and restarts it on the same state directory, then waits for the pipeline to drain and reconciles.
 */
export async function runCrashTest(options: CrashRunOptions): Promise<CrashRunResult> {
  const startedAt = Date.now();
  const log = options.log ?? (() => {});
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-fanout-crash-'));
  const suppressed = new SuppressionCounter();
  const runtime = await ChildRuntime.start({
    projectDir: options.projectDir,
    launcher: 'node',
    stateDir,
    args: ['--fast-retries'],
    onLine: suppressed.observe,
  });
  const clients = createAwsClients({ endpoint: runtime.endpoint, operatorOf: 'dev', maxAttempts: 1, whenReady: () => runtime.whenReady() });
  const run = `crash-${Date.now().toString(36)}`;
  const userIds = Array.from({ length: options.users }, (_, index) => `${run}-${index}`);
  try {
    let inserted = 0;
    const killPoints = randomPoints(options.kills, options.users);
    const killedAt: number[] = [];
    const controller = (async () => {
      for (const point of killPoints) {
        await waitFor(`${point} inserts before kill ${killedAt.length + 1}`, () => inserted >= point, { intervalMs: 20 });
        // A random moment between two inserts, so the kill does not always fall at a batch's edge.
        await sleep(Math.random() * 200);
        await runtime.kill();
        killedAt.push(Date.now());
        log(`SIGKILL after ${inserted} of ${options.users} inserts; restarting on the same state directory`);
        await runtime.restart();
      }
    })();
    const inserts = forEachConcurrently(userIds, options.concurrency ?? 16, async (userId) => {
      await insertUser(clients, validUser(userId));
      inserted++;
      if (inserted % 1000 === 0) log(`${inserted} of ${options.users} users inserted`);
    });
    await Promise.all([inserts, controller]);
    log('All users inserted; waiting for the pipeline to drain');
    await waitUntilSettled(clients, { timeoutMs: options.drainTimeoutMs, onSnapshot: progressLines(log, 5000) });
    const reconciliation = await reconcile(clients, { valid: new Set(userIds), poison: new Set() });
    return {
      reconciliation,
      killedAt,
      suppressedDuplicates: suppressed.count,
      peakRssMb: runtime.peakRssMb(),
      durationMs: Date.now() - startedAt,
    };
  } finally {
    clients.destroy();
    await runtime.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

/** `count` insert counts drawn uniformly between 10% and 90% of the burst, in order. */
function randomPoints(count: number, total: number): number[] {
  return Array.from({ length: count }, () => Math.floor(total * (0.1 + 0.8 * Math.random()))).sort((a, b) => a - b);
}
