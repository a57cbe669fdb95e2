import { reconcile } from '../../scripts/reliability/reconcile';
import { waitUntilSettled } from '../../scripts/reliability/settle';
import { emailOf, validUser } from '../../scripts/reliability/users';
import { SEND_WILL_BE_RETRIED } from '../../services/welcome-email/log-messages';
import type { InProcessRuntime } from '../../support/in-process-runtime';
import { capturedMail } from '../../support/observers/mail';
import { stackNames } from '../../support/stack-names';
import { waitFor } from '../../support/waiting';
import { insertAll, startReliabilityRuntime } from './support';

/** The longest the outage may last: it ends as soon as every user's first send has met it. */
const OUTAGE_LIMIT_MS = 120_000;
const USERS = 30;

/**
 * Proof 3, first part: an SES outage delays welcome emails, it does not lose or repeat them. Runs the template as
 * synthesized. The outage ends when every user's first send has met it, not after a fixed time, so that a slow
 * machine cannot let a user's first send slip past its end.
 */
describe('proof 3: an SES outage', () => {
  let stack: InProcessRuntime;

  beforeAll(async () => {
    stack = await startReliabilityRuntime();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test("the welcome-email queue's visibility timeout and receive limit outlast the outage", () => {
    const queue = stack.runtime.model.queues.find((candidate) => candidate.name === stackNames().welcomeEmailQueue);
    const maxReceiveCount = queue?.redrivePolicy?.maxReceiveCount ?? 0;

    // After the first failed receive, the message has (maxReceiveCount - 1) more, one visibility timeout apart.
    expect((maxReceiveCount - 1) * (queue?.visibilityTimeoutSeconds ?? 0) * 1000).toBeGreaterThan(OUTAGE_LIMIT_MS);
  });

  test('users inserted during the outage each get exactly one email, sent after SES recovered, through the queue retries', async () => {
    stack.runtime.throttleSesFor(OUTAGE_LIMIT_MS);
    const userIds = Array.from({ length: USERS }, (_, index) => `ses-outage-${index}`);
    const retriedUsers = () => new Set(userIds.filter((userId) => stack.logs.some((line) => line.includes(SEND_WILL_BE_RETRIED) && line.includes(`"userId":"${userId}"`))));

    await insertAll(stack.clients, userIds.map(validUser));
    // Every user's first attempt meets the outage and goes back to the queue; then SES recovers.
    await waitFor("every user's first send to meet the outage", () => retriedUsers().size === USERS, {
      timeoutMs: OUTAGE_LIMIT_MS,
      lastSeen: () => `${retriedUsers().size} of ${USERS} users retried`,
    });
    const outageEndsAt = Date.now();
    stack.runtime.throttleSesFor(0);
    await waitUntilSettled(stack.clients);

    const result = await reconcile(stack.clients, { valid: new Set(userIds), poison: new Set() });
    expect(result).toMatchObject({ emailsSent: USERS, auditRecords: USERS, duplicateEmails: 0, dlqEntries: 0, lost: 0 });
    for (const mail of await capturedMail(stack.endpoint)) expect(Date.parse(mail.Timestamp)).toBeGreaterThanOrEqual(outageEndsAt);
    expect(stack.logs.join('\n')).not.toContain(emailOf(userIds[0]));
  });
});
