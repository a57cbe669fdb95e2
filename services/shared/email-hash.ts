import { createHash } from 'node:crypto';

/** SHA-256 (hex) of the trimmed, lower-cased address: stable across case differences, and never the address itself. */
export function emailSha256(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex');
}
