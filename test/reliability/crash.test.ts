import { runCrashTest, type CrashRunResult } from '../../scripts/reliability/crash-run';
import { crashWindowBreaches, killInterruptedSends, unexplainedDuplicateEmails } from '../../scripts/reliability/crash-window';
import { welcomeEmailSandboxesAtMost } from '../../scripts/reliability/welcome-email-sandboxes';
import { PROJECT_DIR } from '../../support/project';

const USERS = 2000;

/**
 * Proof 4: `npm start` runs as a child process with a state directory; it is SIGKILLed in the middle of a burst
 * of 2,000 inserts and restarted on the same state. Inserts that met the dead runtime are repeated.
 */
describe('proof 4: a crash mid-burst', () => {
  let result: CrashRunResult;

  beforeAll(async () => {
    result = await runCrashTest({ projectDir: PROJECT_DIR, users: USERS, kills: 1 });
  });

  test('every user has one audit record and at least one welcome email; nothing is left in a DLQ or unaccounted for', () => {
    expect(result.killedAt).toHaveLength(1);
    expect(result.reconciliation).toMatchObject({ usersCreated: USERS, auditRecords: USERS, duplicateAuditRecords: 0, dlqEntries: 0, lost: 0 });
    expect(result.reconciliation.emailsSent - result.reconciliation.duplicateEmails).toBe(USERS);
  });

  // See crash-window.ts: a send SES accepted while its idempotency record was still in progress is sent again.
  // Each sandbox sends one email at a time, so the kill can have interrupted one send in each sandbox it killed.
  test('a second email only comes from a send the kill interrupted, at most one per killed sandbox', () => {
    const { duplicateEmailTimes, duplicateEmails } = result.reconciliation;

    const unexplained = unexplainedDuplicateEmails(duplicateEmailTimes, result.killedAt);
    const sentAfterKillMs = (userId: string) => duplicateEmailTimes.get(userId)?.map((time) => time - result.killedAt[0]);
    expect(unexplained.map((userId) => ({ userId, sentAfterKillMs: sentAfterKillMs(userId) }))).toEqual([]);
    const sandboxes = welcomeEmailSandboxesAtMost();
    expect(crashWindowBreaches(killInterruptedSends(duplicateEmailTimes, result.killedAt), sandboxes)).toEqual([]);
    expect(duplicateEmails).toBeLessThanOrEqual(sandboxes);
  });
});
