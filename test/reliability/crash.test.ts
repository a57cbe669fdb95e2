import { loadLocalModel } from '../../local/template';
import { runCrashTest, type CrashRunResult } from '../../scripts/reliability/crash-run';
import { unexplainedDuplicateEmails } from '../../scripts/reliability/crash-window';
import { CDK_OUT, PROJECT_DIR } from '../../support/project';
import { stackNames } from '../../support/stack-names';

const USERS = 2000;

/** Welcome-email messages a function can hold at once: the mapping's batch size times its maximum concurrency. */
function welcomeEmailsInFlightAtMost(): number {
  const model = loadLocalModel({ cdkOutDir: CDK_OUT, endpoint: 'http://127.0.0.1', region: 'us-east-1', account: '000000000000' });
  const { welcomeEmailQueue } = stackNames();
  const queue = model.queues.find((candidate) => candidate.name === welcomeEmailQueue);
  const mapping = model.eventSourceMappings.find((candidate) => candidate.queueArn === queue?.arn);
  if (!mapping?.maximumConcurrency) throw new Error(`No capped event source mapping reads ${welcomeEmailQueue}`);
  return mapping.batchSize * mapping.maximumConcurrency;
}

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
  test('a second email only comes from a send the kill interrupted: sent before the kill, and again after the restart', () => {
    const { duplicateEmailTimes, duplicateEmails } = result.reconciliation;

    const unexplained = unexplainedDuplicateEmails(duplicateEmailTimes, result.killedAt);
    const sentAfterKillMs = (userId: string) => duplicateEmailTimes.get(userId)?.map((time) => time - result.killedAt[0]);
    expect(unexplained.map((userId) => ({ userId, sentAfterKillMs: sentAfterKillMs(userId) }))).toEqual([]);
    expect(duplicateEmails).toBeLessThanOrEqual(welcomeEmailsInFlightAtMost());
  });
});
