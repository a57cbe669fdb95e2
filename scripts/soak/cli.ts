import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../local/cli/command-line';
import { createAwsClients } from '../../support/aws-clients';
import { ChildRuntime } from '../../support/child-runtime/child-runtime';
import { installChildCleanup } from '../../support/child-runtime/process-group';
import { parseWholeNumberOptions } from '../reliability/arguments';
import { reconcile } from '../reliability/reconcile';
import { COMMAND_LINE_DRAIN_DEADLINE_MS, progressLines, waitUntilSettled } from '../reliability/settle';
import { SuppressionCounter } from '../reliability/suppression-counter';
import { killAtRandomMoments } from './kills';
import { soakReport } from './report';
import { Workload } from './workload';
import { welcomeEmailSandboxesAtMost } from '../reliability/welcome-email-sandboxes';
import { noteSdkNodeVersion } from '../aws-target/sdk-node-version';

const USAGE = `Usage: npm run soak -- [--duration 60] [--rate 50] [--concurrency 8]

Runs npm start as a child process with a state directory and, for --duration seconds, a mixed workload of
--rate operations a second (inserts, modifies, deletes, poison users, put-events) with injected faults: 20%
duplicate delivery, 3% Lambda failures, 2% Lambda timeouts, a SIGKILL and restart at a random moment of every
20 s, and a 10 s SES outage after the first restart. Then it drains and reconciles. The last line is one JSON object;
the exit code is 1 if any user was lost, or a duplicate email is not a send a kill interrupted (see crash-window.ts),
or a kill interrupted more sends than the welcome-email sandboxes it ended.`;

const SES_OUTAGE_SECONDS = 10;

async function main(): Promise<void> {
  const { values: options, help } = parseWholeNumberOptions(process.argv.slice(2), { duration: 60, rate: 50, concurrency: 8 });
  if (help) return void process.stdout.write(`${USAGE}\n`);
  const log = (line: string): void => void process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const seed = Date.now() % 1_000_000;
  const faultArgs = ['--fast-retries', '--duplicate-share', '0.2', '--fail-share', '0.03', '--timeout-share', '0.02', '--fault-seed', String(seed)];
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'users-fanout-soak-'));
  const suppressed = new SuppressionCounter();
  log(`Starting the runtime (state in ${stateDir}, fault seed ${seed})`);
  installChildCleanup('soak');
  const projectDir = path.resolve(__dirname, '../..');
  const runtime = await ChildRuntime.start({ projectDir, launcher: 'node', stateDir, args: faultArgs, onLine: suppressed.observe });
  const clients = createAwsClients({ endpoint: runtime.endpoint, operatorOf: 'dev', maxAttempts: 1, whenReady: () => runtime.whenReady() });
  const workload = new Workload(clients, `soak-${Date.now().toString(36)}`);
  try {
    const startedAt = Date.now();
    const durationMs = options.duration * 1000;
    const progress = setInterval(() => log(`${Math.round((Date.now() - startedAt) / 1000)} s: ${JSON.stringify(workload.done)}, ${suppressed.count} duplicates suppressed`), 5000);
    const [, killedAt] = await Promise.all([
      workload.runUntil(startedAt + durationMs, options.concurrency, Math.max(1, options.rate)),
      killAtRandomMoments(runtime, { startedAt, durationMs, faultArgs, sesOutageSeconds: SES_OUTAGE_SECONDS, log }),
    ]).finally(() => clearInterval(progress));

    log(`Workload done: ${JSON.stringify(workload.done)}; draining`);
    await waitUntilSettled(clients, { timeoutMs: COMMAND_LINE_DRAIN_DEADLINE_MS, onSnapshot: progressLines(log, 5000) });
    const result = await reconcile(clients, workload.created);
    const report = soakReport(result, {
      killedAt,
      sandboxesPerKill: welcomeEmailSandboxesAtMost(path.join(projectDir, 'cdk.out')),
      duplicatesSuppressed: suppressed.count,
      peakRssMb: runtime.peakRssMb(),
      elapsedMs: Date.now() - startedAt,
    });
    process.stdout.write(report.text);
    process.exitCode = report.passed ? 0 : 1;
  } finally {
    clients.destroy();
    await runtime.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

noteSdkNodeVersion();
main().catch((error: Error) => {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n\n${USAGE}\n` : `soak failed: ${error.message}\n`);
  process.exit(2);
});
