import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { readDeadLetters, type DeadLetter } from '../../scripts/reliability/dead-letters';
import { waitUntilSettled } from '../../scripts/reliability/settle';
import { validUser } from '../../scripts/reliability/users';
import { insertUser } from '../../scripts/reliability/writes';
import { SEND_WILL_BE_RETRIED } from '../../services/welcome-email/log-messages';
import type { InProcessRuntime } from '../../support/in-process-runtime';
import { stackNames } from '../../support/stack-names';
import { SHORTEST_VALID_VISIBILITY_SECONDS, startReliabilityRuntime } from './support';

/**
 * Proof 3, second part: when retries are exhausted, each path parks the event in its DLQ with the error. The
 * queues' visibility timeout is the function timeout, so the welcome-email queue's five receives take under a minute.
 * Two runtimes run side by side: in one SES never recovers and the audit-log function always fails; the other has no
 * fault, and a malformed event is put on its bus.
 */
describe('proof 3: retries exhausted', () => {
  let faulty: InProcessRuntime;
  let healthy: InProcessRuntime;
  let faultyLetters: DeadLetter[];
  let healthyLetters: DeadLetter[];

  beforeAll(async () => {
    const names = stackNames();
    [faulty, healthy] = await Promise.all([
      startReliabilityRuntime({
        visibilityTimeoutSeconds: SHORTEST_VALID_VISIBILITY_SECONDS,
        faults: { lambda: { failShare: 1, functionNames: [names.functions.auditLog] } },
      }),
      startReliabilityRuntime({ visibilityTimeoutSeconds: SHORTEST_VALID_VISIBILITY_SECONDS }),
    ]);
    faulty.runtime.throttleSesFor(10 * 60_000);
    await insertUser(faulty.clients, validUser('exhausted-1'));
    const malformed = { EventBusName: names.eventBus, Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: JSON.stringify({ data: { userId: 'malformed-1' } }) };
    await healthy.clients.eventBridge.send(new PutEventsCommand({ Entries: [malformed] }));
    [faultyLetters, healthyLetters] = await Promise.all(
      [faulty, healthy].map(async (runtime) => {
        await waitUntilSettled(runtime.clients);
        return readDeadLetters(runtime.clients);
      }),
    );
  });

  afterAll(async () => {
    await Promise.all([faulty?.stop(), healthy?.stop()]);
  });

  const lettersIn = (letters: DeadLetter[], queue: DeadLetter['queue'], userId: string): DeadLetter[] =>
    letters.filter((letter) => letter.queue === queue && letter.userIds.includes(userId));

  test('a welcome email SES keeps refusing lands in users-fanout-dev-welcome-email-dlq after five receives, with the event', () => {
    const [letter, ...more] = lettersIn(faultyLetters, 'welcomeEmail', 'exhausted-1');

    expect(more).toEqual([]);
    expect(letter.body).toMatchObject({ 'detail-type': 'UserCreated', detail: { data: { userId: 'exhausted-1' } } });
    expect(letter.receiveCount).toBeGreaterThanOrEqual(5);
    // An SQS redrive carries no error; the function logged it for each receive, under the user id.
    const failures = faulty.logs.filter((line) => line.includes(SEND_WILL_BE_RETRIED) && line.includes('"userId":"exhausted-1"'));
    expect(failures.length).toBeGreaterThanOrEqual(5);
    expect(failures[0]).toMatch(/Throttling: Maximum sending rate exceeded/);
  });

  test('an audit invocation that keeps failing ends in the on-failure destination users-fanout-dev-audit-log-dlq with the error', () => {
    const [letter, ...more] = lettersIn(faultyLetters, 'auditLog', 'exhausted-1');

    expect(more).toEqual([]);
    expect(letter.error).toBe('InjectedFault: Invocation failed by fault injection');
    expect(letter.body).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { detail: { data: { userId: 'exhausted-1' } } },
    });
  });

  test('a malformed event put on the bus: audit-log throws on it three times, and it ends in both DLQs rather than vanishing', () => {
    const [audit, ...moreAudit] = lettersIn(healthyLetters, 'auditLog', 'malformed-1');
    const [welcome, ...moreWelcome] = lettersIn(healthyLetters, 'welcomeEmail', 'malformed-1');

    expect([moreAudit, moreWelcome]).toEqual([[], []]);
    expect(audit.body).toMatchObject({ requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 } });
    expect(audit.error).toMatch(/metadata/);
    expect(welcome.receiveCount).toBeGreaterThanOrEqual(5);
  });
});
