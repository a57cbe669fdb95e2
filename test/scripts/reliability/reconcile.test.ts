import type { DeadLetter } from '../../../scripts/reliability/dead-letters';
import { judgeOutcome, type PipelineOutcome } from '../../../scripts/reliability/reconcile';

/** The judge the reliability proofs and the soak rely on, fed outcomes whose verdict is known. */
describe('judgeOutcome', () => {
  const letter = (queue: DeadLetter['queue'], ...userIds: string[]): DeadLetter => ({ queue, userIds, body: {} });
  const outcome = (parts: { mail?: Record<string, number[]>; audit?: Record<string, number>; deadLetters?: DeadLetter[] }): PipelineOutcome => ({
    mailTimes: new Map(Object.entries(parts.mail ?? {})),
    auditRecords: new Map(Object.entries(parts.audit ?? {})),
    deadLetters: parts.deadLetters ?? [],
  });
  const users = (valid: string[], poison: string[] = []) => ({ valid: new Set(valid), poison: new Set(poison) });

  test('a clean run: every valid user has one email and one audit record, every poison user was rejected', () => {
    const result = judgeOutcome(
      outcome({ mail: { a: [1], b: [2] }, audit: { a: 1, b: 1 }, deadLetters: [letter('rejectedUsers', 'p')] }),
      users(['a', 'b'], ['p']),
    );

    expect(result).toMatchObject({
      usersCreated: 3,
      poisonUsers: 1,
      emailsSent: 2,
      auditRecords: 2,
      dlqEntries: 0,
      rejectedUsers: 1,
      duplicateEmails: 0,
      duplicateAuditRecords: 0,
      lost: 0,
      lostUserIds: [],
    });
  });

  test('a valid user with neither email nor audit record, and in no dead-letter queue, is lost', () => {
    const result = judgeOutcome(outcome({ mail: { a: [1] }, audit: { a: 1 } }), users(['a', 'vanished']));

    expect(result).toMatchObject({ lost: 1, lostUserIds: ['vanished'] });
  });

  test('a user missing only the email, or only the audit record, is lost too', () => {
    const result = judgeOutcome(outcome({ mail: { 'no-audit': [1] }, audit: { 'no-email': 1 } }), users(['no-audit', 'no-email']));

    expect(result.lostUserIds.sort()).toEqual(['no-audit', 'no-email']);
  });

  test("a dead letter accounts for a user only on its own path: the welcome-email DLQ does not explain a missing audit record", () => {
    const result = judgeOutcome(
      outcome({
        audit: { 'mail-parked': 1 },
        mail: { 'audit-parked': [1] },
        deadLetters: [letter('welcomeEmail', 'mail-parked'), letter('auditLog', 'audit-parked'), letter('welcomeEmail', 'parked-on-wrong-path')],
      }),
      users(['mail-parked', 'audit-parked', 'parked-on-wrong-path']),
    );

    expect(result).toMatchObject({ lost: 1, lostUserIds: ['parked-on-wrong-path'], dlqEntries: 3 });
  });

  test("a stream batch in the user-created pipe's DLQ accounts for both paths of its users", () => {
    const result = judgeOutcome(outcome({ deadLetters: [letter('userCreatedPipe', 'x', 'y')] }), users(['x', 'y']));

    expect(result).toMatchObject({ lost: 0, dlqEntries: 1 });
  });

  test('a poison user that reached no rejection queue is lost, even when a valid path holds it', () => {
    const result = judgeOutcome(
      outcome({ deadLetters: [letter('rejectedUsers', 'kept'), letter('welcomeEmail', 'misrouted')] }),
      users([], ['kept', 'misrouted', 'nowhere']),
    );

    expect(result.lostUserIds.sort()).toEqual(['misrouted', 'nowhere']);
  });

  test('extra emails and audit records are counted as duplicates, with the times of the extra emails', () => {
    const result = judgeOutcome(outcome({ mail: { a: [1, 5, 9], b: [2] }, audit: { a: 1, b: 2 } }), users(['a', 'b']));

    expect(result).toMatchObject({ emailsSent: 4, auditRecords: 3, duplicateEmails: 2, duplicateAuditRecords: 1, lost: 0 });
    expect([...result.duplicateEmailTimes]).toEqual([['a', [1, 5, 9]]]);
  });

  test('a user rejected twice (a redelivered stream batch) counts once; rejected-users messages are not dead-letter entries', () => {
    const result = judgeOutcome(outcome({ deadLetters: [letter('rejectedUsers', 'p'), letter('rejectedUsers', 'p')] }), users([], ['p']));

    expect(result).toMatchObject({ rejectedUsers: 1, dlqEntries: 0, lost: 0 });
  });
});
