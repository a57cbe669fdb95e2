import { createHash } from 'node:crypto';

/**
 * A UUID derived from a name with SHA-256 (RFC 9562 version 8, "custom"): the same name always gives the same
 * UUID, so a redelivered stream record yields the same eventId.
 */
export function uuidFromName(name: string): string {
  const bytes = createHash('sha256').update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
