import * as path from 'node:path';
import { UsageError } from '../../local/cli/command-line';
import { installChildCleanup } from '../../support/child-runtime/process-group';
import { parseWholeNumberOptions } from '../reliability/arguments';
import { runCrashTest } from '../reliability/crash-run';
import { crashWindowBreaches, killInterruptedSends, unexplainedDuplicateEmails } from '../reliability/crash-window';
import { welcomeEmailSandboxesAtMost } from '../reliability/welcome-email-sandboxes';
import { describeReconciliation } from '../reliability/reconcile';
import { COMMAND_LINE_DRAIN_DEADLINE_MS } from '../reliability/settle';
import { noteSdkNodeVersion } from '../aws-target/sdk-node-version';

const USAGE = `Usage: npm run crash-test -- [--users 20000] [--kills 5] [--concurrency 16]

Runs npm start as a child process with a state directory, inserts the users, SIGKILLs the runtime at random
moments of the burst and restarts it on the same state, then drains and reconciles: every user must have
exactly one audit record and one welcome email, or two when a kill interrupted the send (see crash-window.ts):
at most one such send per welcome-email sandbox a kill ended. The last line is one JSON
object. Exits 1 if any user is lost, is in a DLQ, has two audit records or a second email no kill explains, or if a
kill interrupted more sends than it ended sandboxes.`;

async function main(): Promise<void> {
  const { values: options, help } = parseWholeNumberOptions(process.argv.slice(2), { users: 20_000, kills: 5, concurrency: 16 });
  if (help) return void process.stdout.write(`${USAGE}\n`);
  const log = (line: string): void => void process.stdout.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  log(`Inserting ${options.users} users with ${options.kills} kills`);
  installChildCleanup('crash test');
  const projectDir = path.resolve(__dirname, '../..');
  const result = await runCrashTest({ projectDir, ...options, log, drainTimeoutMs: COMMAND_LINE_DRAIN_DEADLINE_MS });
  const { reconciliation } = result;
  process.stdout.write(
    [
      '',
      'Reconciliation',
      ...describeReconciliation(reconciliation).map((line) => `  ${line}`),
      `  kills:                  ${result.killedAt.length}`,
      `  duplicates suppressed:  ${result.suppressedDuplicates}`,
      `  peak RSS:               ${result.peakRssMb} MiB`,
      `  duration:               ${(result.durationMs / 1000).toFixed(0)} s`,
      '',
    ].join('\n'),
  );
  const unexplained = unexplainedDuplicateEmails(reconciliation.duplicateEmailTimes, result.killedAt);
  const interruptedPerKill = killInterruptedSends(reconciliation.duplicateEmailTimes, result.killedAt);
  const sandboxes = welcomeEmailSandboxesAtMost(path.join(projectDir, 'cdk.out'));
  const breaches = crashWindowBreaches(interruptedPerKill, sandboxes);
  process.stdout.write(
    `  ${reconciliation.duplicateEmails - unexplained.length} duplicate emails are the crash window: sent before a kill, whose idempotency record was\n` +
      `  still in progress, and sent again after it expired. Unexplained duplicates: ${unexplained.length}\n` +
      `  sends each kill interrupted: ${JSON.stringify(interruptedPerKill)}, at most ${sandboxes} (one per welcome-email sandbox); ` +
      `kills over it: ${breaches.length === 0 ? 'none' : JSON.stringify(breaches)}\n`,
  );
  const summary = {
    usersCreated: reconciliation.usersCreated,
    emailsSent: reconciliation.emailsSent,
    auditRecords: reconciliation.auditRecords,
    dlqEntries: reconciliation.dlqEntries,
    kills: result.killedAt.length,
    duplicatesSuppressed: result.suppressedDuplicates,
    duplicateEmails: reconciliation.duplicateEmails,
    killInterruptedSends: interruptedPerKill.reduce((total, count) => total + count, 0),
    unexplainedDuplicateEmails: unexplained.length,
    lost: reconciliation.lost,
    peakRssMb: result.peakRssMb,
  };
  process.stdout.write(`\n${JSON.stringify(summary)}\n`);
  const clean =
    reconciliation.lost === 0 && unexplained.length === 0 && breaches.length === 0 && reconciliation.duplicateAuditRecords === 0 && reconciliation.dlqEntries === 0;
  process.exitCode = clean ? 0 : 1;
}

noteSdkNodeVersion();
main().catch((error: Error) => {
  process.stderr.write(error instanceof UsageError ? `${error.message}\n\n${USAGE}\n` : `crash-test failed: ${error.message}\n`);
  process.exit(2);
});
