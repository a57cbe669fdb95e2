import { readDeadLetters } from '../../scripts/reliability/dead-letters';
import { reconcile } from '../../scripts/reliability/reconcile';
import { waitUntilSettled } from '../../scripts/reliability/settle';
import { poisonUser, validUser } from '../../scripts/reliability/users';
import { insertUser } from '../../scripts/reliability/writes';
import type { InProcessRuntime } from '../../support/in-process-runtime';
import type { UserItem } from '../../support/users';
import { waitFor } from '../../support/waiting';
import { insertAll, mailCount, SHORTEST_VALID_VISIBILITY_SECONDS, startReliabilityRuntime } from './support';

const USERS = 400;
const POISON_EVERY = 20;

/** Proof 2: records that cannot become events are kept with their reason and hold nothing up. */
describe('proof 2: poison users', () => {
  let stack: InProcessRuntime;

  beforeAll(async () => {
    stack = await startReliabilityRuntime({ visibilityTimeoutSeconds: SHORTEST_VALID_VISIBILITY_SECONDS });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  test('5% poison users each land in the rejected-users queue with their record\'s keys and a reason; every valid user is processed', async () => {
    // Inserted one at a time, so every stream batch of ten holds a poison record among valid ones.
    const items = new Map<string, UserItem>();
    for (let index = 0; index < USERS; index++) {
      const userId = `poison-test-${index}`;
      items.set(userId, index % POISON_EVERY === POISON_EVERY - 1 ? poisonUser(userId, index) : validUser(userId));
    }
    const poison = new Set([...items].filter(([, item]) => item.email === undefined || !item.email.S?.includes('@')).map(([userId]) => userId));
    const valid = new Set([...items.keys()].filter((userId) => !poison.has(userId)));

    await insertAll(stack.clients, [...items.values()], 1);
    const settled = await waitUntilSettled(stack.clients);

    expect(poison.size).toBe(USERS / POISON_EVERY);
    const result = await reconcile(stack.clients, { valid, poison });
    expect(result).toMatchObject({ emailsSent: valid.size, auditRecords: valid.size, rejectedUsers: poison.size, dlqEntries: 0, lost: 0, duplicateEmails: 0 });
    const rejected = result.deadLetters.filter((letter) => letter.queue === 'rejectedUsers');
    // The drain's progress line counts what the summary counts: dead-letter entries, and rejected-users messages apart.
    expect(settled).toMatchObject({ deadLettered: result.dlqEntries, rejectedMessages: rejected.length });
    for (const letter of rejected) {
      const [userId] = letter.userIds;
      const { record } = letter.body as { record: { eventName: string; dynamodb: Record<string, unknown> } };
      expect(record.eventName).toBe('INSERT');
      expect(record.dynamodb.Keys).toEqual({ userId: items.get(userId)?.userId });
      expect(record.dynamodb).not.toHaveProperty('NewImage');
      expect(letter.error).toMatch(/^data\.email: /);
    }
  });

  test('the stream is never blocked: no batch holding a poison user fails, and a user inserted after one gets their email', async () => {
    await insertUser(stack.clients, poisonUser('poison-late-0', 0));
    await insertUser(stack.clients, validUser('poison-late-valid'));

    await waitFor("poison-late-valid's welcome email", async () => (await mailCount(stack.endpoint, 'poison-late-valid')) > 0);

    // A pipe holds its shard only while it retries a failed batch; none failed in this whole run.
    expect(stack.logs.filter((line) => /^\[pipe [^\]]+\] batch of \d+ failed/.test(line))).toEqual([]);
    const rejected = await readDeadLetters(stack.clients);
    expect(rejected.some((letter) => letter.queue === 'rejectedUsers' && letter.userIds[0] === 'poison-late-0')).toBe(true);
  });
});
