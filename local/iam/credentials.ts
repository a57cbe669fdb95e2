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
