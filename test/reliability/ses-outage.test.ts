import { reconcile } from '../../scripts/reliability/reconcile';
import { waitUntilSettled } from '../../scripts/reliability/settle';
import { emailOf, validUser } from '../../scripts/reliability/users';
import { SEND_WILL_BE_RETRIED } from '../../services/welcome-email/log-messages';
import type { InProcessRuntime } from '../../support/in-process-runtime';
import { capturedMail } from '../../support/observers/mail';
import { stackNames } from '../../support/stack-names';
import { insertAll, startReliabilityRuntime } from './support';

const OUTAGE_MS = 10_000;
const USERS = 30;

/** Proof 3, first part: an SES outage delays welcome emails, it does not lose or repeat them. Runs the template as synthesized. */
describe('proof 3: a 10 s SES outage', () => {
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
    expect((maxReceiveCount - 1) * (queue?.visibilityTimeoutSeconds ?? 0) * 1000).toBeGreaterThan(OUTAGE_MS);
  });

  test('users inserted during the outage each get exactly one email, sent after SES recovered, through the queue retries', async () => {
    const outageEndsAt = Date.now() + OUTAGE_MS;
    stack.runtime.throttleSesFor(OUTAGE_MS);
    const userIds = Array.from({ length: USERS }, (_, index) => `ses-outage-${index}`);

    await insertAll(stack.clients, userIds.map(validUser));
    await waitUntilSettled(stack.clients);

    const result = await reconcile(stack.clients, { valid: new Set(userIds), poison: new Set() });
    expect(result).toMatchObject({ emailsSent: USERS, auditRecords: USERS, duplicateEmails: 0, dlqEntries: 0, lost: 0 });
    for (const mail of await capturedMail(stack.endpoint)) expect(Date.parse(mail.Timestamp)).toBeGreaterThanOrEqual(outageEndsAt);
    // Every user's first attempt met the outage and went back to the queue.
    const retried = new Set(userIds.filter((userId) => stack.logs.some((line) => line.includes(SEND_WILL_BE_RETRIED) && line.includes(`"userId":"${userId}"`))));
    expect(retried.size).toBe(USERS);
    expect(stack.logs.join('\n')).not.toContain(emailOf(userIds[0]));
  });
});
