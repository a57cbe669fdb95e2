import { principalSetMatch, statementPrincipalMatch } from '../../../../local/iam/matching/principal';
import type { PrincipalSet, Statement } from '../../../../local/iam/policy/policy-types';
import { iamUser, roleSession, servicePrincipal } from '../../../../local/iam/principals';

/** AWS JSON policy elements: Principal and NotPrincipal, for callers of one account. */
describe('Principal matching', () => {
  const account = '123456789012';
  const roleArn = `arn:aws:iam::${account}:role/service/welcome-email`;
  const session = roleSession(roleArn, 'welcome-email-fn');
  const user = iamUser(`arn:aws:iam::${account}:user/ada`);
  const events = servicePrincipal('events.amazonaws.com');
  const set = (element: Partial<PrincipalSet>): PrincipalSet => ({ everyone: false, aws: [], services: [], other: [], ...element });

  test('a session ARN leaves out the role path, as STS writes it', () => {
    expect(session.arn).toBe(`arn:aws:sts::${account}:assumed-role/welcome-email/welcome-email-fn`);
  });

  test('"*" names every caller, services included', () => {
    for (const caller of [session, user, events]) expect(principalSetMatch(set({ everyone: true }), caller)).toBe('direct');
  });

  test('a role ARN names every session of the role; a session ARN names that session only', () => {
    expect(principalSetMatch(set({ aws: [roleArn] }), session)).toBe('direct');
    expect(principalSetMatch(set({ aws: [session.arn] }), session)).toBe('direct');
    expect(principalSetMatch(set({ aws: [`arn:aws:sts::${account}:assumed-role/welcome-email/other`] }), session)).toBe('none');
    expect(principalSetMatch(set({ aws: [`arn:aws:iam::${account}:role/welcome-email`] }), session)).toBe('none');
  });

  test('the account, by id or root ARN, names its principals as an account (a delegation, not a grant)', () => {
    expect(principalSetMatch(set({ aws: [account] }), session)).toBe('account');
    expect(principalSetMatch(set({ aws: [`arn:aws:iam::${account}:root`] }), user)).toBe('account');
    expect(principalSetMatch(set({ aws: ['999999999999'] }), user)).toBe('none');
  });

  test('a direct name wins over the account when both are listed', () => {
    expect(principalSetMatch(set({ aws: [account, user.arn] }), user)).toBe('direct');
  });

  test('service principals name only that service; an AWS entry never names a service', () => {
    expect(principalSetMatch(set({ services: ['events.amazonaws.com'] }), events)).toBe('direct');
    expect(principalSetMatch(set({ services: ['sns.amazonaws.com'] }), events)).toBe('none');
    expect(principalSetMatch(set({ aws: [account] }), events)).toBe('none');
    expect(principalSetMatch(set({ services: ['events.amazonaws.com'] }), session)).toBe('none');
  });

  const statement = (element: Partial<Statement>): Statement => ({ effect: 'Deny', conditions: [], origin: { policy: 'p', index: 0 }, ...element });

  test('NotPrincipal applies to every caller it does not name', () => {
    const exceptRole = statement({ notPrincipal: set({ aws: [roleArn, account] }) });
    expect(statementPrincipalMatch(exceptRole, session)).toBe('none');
    expect(statementPrincipalMatch(exceptRole, events)).toBe('direct');
    expect(statementPrincipalMatch(statement({ notPrincipal: set({ aws: [user.arn] }) }), session)).toBe('direct');
  });

  test('an identity-based statement names no principal and applies to its identity', () => {
    expect(statementPrincipalMatch(statement({}), session)).toBe('direct');
  });
});
