import type { CallerFacts } from '../../protocol/authorization';
import { iamUniqueId } from '../../template/arns';
import type { Principal } from '../principals';
import type { ContextValues } from './request-context';

/** What the runtime knows of a request besides its principal. */
export type RequestFacts = CallerFacts;

export interface ValueScope {
  region: string;
  account: string;
}

/**
 * The global condition keys a request carries, set once per caller. `aws:SecureTransport` is always true: the
 * endpoint is plain HTTP on loopback, but every SDK call to AWS is TLS, so policies that deny non-TLS calls (CDK's
 * `enforceSSL`) must not fire locally, and the traffic never leaves the machine.
 */
export function callerValues(principal: Principal, facts: RequestFacts, scope: ValueScope): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const set = (key: string, value: string | undefined): void => {
    if (value !== undefined) values.set(key.toLowerCase(), [value]);
  };
  set('aws:SecureTransport', 'true');
  set('aws:RequestedRegion', scope.region);
  set('aws:SourceIp', facts.sourceIp);
  set('aws:SourceArn', facts.sourceArn);
  set('aws:SourceAccount', facts.sourceAccount);
  if (facts.viaService !== undefined) {
    set('aws:ViaAWSService', 'true');
    set('kms:ViaService', `${facts.viaService}.${scope.region}.amazonaws.com`);
    values.set('aws:calledvia', [`${facts.viaService}.amazonaws.com`]);
    set('aws:CalledViaFirst', `${facts.viaService}.amazonaws.com`);
    set('aws:CalledViaLast', `${facts.viaService}.amazonaws.com`);
  } else {
    set('aws:ViaAWSService', 'false');
  }
  if (principal.type === 'Service') {
    set('aws:PrincipalIsAWSService', 'true');
    set('aws:PrincipalServiceName', principal.service);
    return values;
  }
  set('aws:PrincipalIsAWSService', 'false');
  set('aws:PrincipalAccount', principal.account);
  set('kms:CallerAccount', principal.account);
  if (principal.type === 'AssumedRole') {
    set('aws:PrincipalArn', principal.roleArn);
    set('aws:PrincipalType', 'AssumedRole');
    set('aws:userid', `${iamUniqueId('AROA', principal.roleArn)}:${principal.sessionName}`);
  } else {
    set('aws:PrincipalArn', principal.arn);
    set('aws:PrincipalType', 'User');
    set('aws:username', principal.userName);
    set('aws:userid', iamUniqueId('AIDA', principal.arn));
  }
  return values;
}

/** The condition keys of the request's time (lower-cased). */
export const TIME_KEYS: readonly string[] = ['aws:currenttime', 'aws:epochtime'];

/** The request's time, as the keys `aws:CurrentTime` and `aws:EpochTime` (lower-cased), for a request at `now`. */
export function timeValues(now: number): Array<[string, string]> {
  return [
    ['aws:currenttime', new Date(now).toISOString()],
    ['aws:epochtime', String(Math.floor(now / 1000))],
  ];
}

/** A caller's values with the request's time and the check's own keys added. */
export function checkValues(base: ReadonlyMap<string, string[]>, now: number, check: Readonly<Record<string, string | readonly string[]>> | undefined): ContextValues {
  const values = new Map(base);
  for (const [name, value] of timeValues(now)) values.set(name, [value]);
  for (const [key, value] of Object.entries(check ?? {})) values.set(key.toLowerCase(), typeof value === 'string' ? [value] : [...value]);
  return values;
}
