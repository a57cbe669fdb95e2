import { reconcile } from '../../scripts/reliability/reconcile';
import { waitUntilSettled } from '../../scripts/reliability/settle';
import { SUPPRESSION_MESSAGES } from '../../scripts/reliability/suppression-counter';
import { validUser } from '../../scripts/reliability/users';
import type { InProcessRuntime } from '../../support/in-process-runtime';
import { insertAll, SHORTEST_VALID_VISIBILITY_SECONDS, startReliabilityRuntime, suppressionLines } from './support';

const USERS = 1000;

/** Proof 1: at-least-once delivery with 30% duplicates still gives one email and one audit record per user. */
describe('proof 1: duplicate delivery', () => {
  let stack: InProcessRuntime;

  beforeAll(async () => {
    // A duplicate that arrives while the original is in progress is refused and comes back after the visibility timeout.
    stack = await startReliabilityRuntime({
      visibilityTimeoutSeconds: SHORTEST_VALID_VISIBILITY_SECONDS,
      faults: { seed: 1, pipes: { duplicateShare: 0.3 }, eventBridge: { duplicateShare: 0.3 } },
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test('1,000 users with 30% of stream batches and of rule deliveries delivered twice: exactly 1,000 emails and 1,000 audit records', async () => {
    const userIds = Array.from({ length: USERS }, (_, index) => `dup-${index}`);

    await insertAll(stack.clients, userIds.map(validUser));
    await waitUntilSettled(stack.clients);

    const result = await reconcile(stack.clients, { valid: new Set(userIds), poison: new Set() });
    expect(result).toMatchObject({ emailsSent: USERS, auditRecords: USERS, duplicateEmails: 0, duplicateAuditRecords: 0, lost: 0, dlqEntries: 0 });
    // The duplicates really arrived, and each service recognised them.
    const [welcomeEmail, auditLog] = SUPPRESSION_MESSAGES.map((message) => suppressionLines(stack.logs, message));
    expect(welcomeEmail).toBeGreaterThan(USERS * 0.2);
    expect(auditLog).toBeGreaterThan(USERS * 0.2);
  });
});
