import { createHash } from 'node:crypto';

/**
 * Credentials the local endpoint maps to a role of the template. The access key id is derived from the role's ARN
 * (so a function's sandbox, and a person acting as the role with `npm run iam -- credentials`, get the same one
 * across restarts), and the session token names the session. Nothing here is secret: the endpoint listens on
 * loopback only and does not check signatures, and the keys are never valid in AWS.
 */
export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const TOKEN_PREFIX = 'LocalIamSession:';

function base32(bytes: Buffer, length: number): string {
  return Array.from(bytes.subarray(0, length), (byte) => BASE32[byte % 32]).join('');
}

/** `ASIA` and 16 characters, the shape of AWS's temporary access key ids. */
export function roleAccessKeyId(roleArn: string): string {
  return `ASIA${base32(createHash('sha256').update(`users-fanout local IAM:${roleArn}`).digest(), 16)}`;
}

export function roleCredentials(roleArn: string, sessionName: string): LocalCredentials {
  const digest = createHash('sha256').update(`users-fanout local IAM secret:${roleArn}`).digest('base64');
  return {
    accessKeyId: roleAccessKeyId(roleArn),
    secretAccessKey: digest.slice(0, 40),
    sessionToken: `${TOKEN_PREFIX}${Buffer.from(sessionName).toString('base64url')}`,
  };
}

/** The session a token of ours names; undefined for any other token. */
export function sessionNameOf(sessionToken: string | undefined): string | undefined {
  if (sessionToken === undefined || !sessionToken.startsWith(TOKEN_PREFIX)) return undefined;
  const name = Buffer.from(sessionToken.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8');
  return name === '' ? undefined : name;
}

/** The one access key id of a service acting for a resource; the session token says which service, for what. */
export const SERVICE_ACCESS_KEY_ID = 'ASIALOCALSERVICE2222';
const SERVICE_TOKEN_PREFIX = 'LocalIamService:';

/** An AWS service acting for one of the account's resources, as a service-to-service request carries it. */
export interface ServiceSession {
  service: string;
  sourceArn?: string;
  sourceAccount?: string;
}

/**
 * Credentials that make the endpoint treat a caller as an AWS service acting for a resource (EventBridge for a rule,
 * say), to try a call the way that service would make it: a queue policy's grant to `events.amazonaws.com` with an
 * `aws:SourceArn` condition, for one. AWS has no such credentials; only the local runtime gives them.
 */
export function serviceCredentials(session: ServiceSession): LocalCredentials {
  return {
    accessKeyId: SERVICE_ACCESS_KEY_ID,
    secretAccessKey: 'local-service-secret-not-checked-0000000',
    sessionToken: `${SERVICE_TOKEN_PREFIX}${Buffer.from(JSON.stringify(session)).toString('base64url')}`,
  };
}

/** The service session a token of ours names; undefined for any other token. */
export function serviceSessionOf(sessionToken: string | undefined): ServiceSession | undefined {
  if (sessionToken === undefined || !sessionToken.startsWith(SERVICE_TOKEN_PREFIX)) return undefined;
  try {
    const session = JSON.parse(Buffer.from(sessionToken.slice(SERVICE_TOKEN_PREFIX.length), 'base64url').toString('utf8')) as Partial<ServiceSession>;
    return typeof session.service === 'string' ? (session as ServiceSession) : undefined;
  } catch {
    return undefined;
  }
}
