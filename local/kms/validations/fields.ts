import { serialization } from '../errors';
import { MAX_KEY_ID_LENGTH, MAX_MESSAGE_BYTES } from '../limits';
import { MAC_ALGORITHMS, type MacAlgorithm } from '../mac-algorithms';

/**
 * Readers for the members KMS requests share. Shape problems (missing, too long, not in an enum) are collected as
 * AWS's clauses, so one ValidationException names all of them; a value of the wrong JSON type is a
 * SerializationException, as AWS answers a body its model cannot read.
 */
export class FieldReader {
  readonly clauses: string[] = [];

  constructor(private readonly raw: Record<string, unknown>) {}

  string(member: string, field: string, maxLength: number): string {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      this.clauses.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return '';
    }
    if (typeof value !== 'string') throw serialization(`${member} must be a string`);
    if (value.length < 1) this.clauses.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    if (value.length > maxLength) {
      this.clauses.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`);
    }
    return value;
  }

  /** A blob member: base64 in the JSON body, bounded in decoded bytes. */
  blob(member: string, field: string, maxBytes: number): Buffer {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      this.clauses.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return Buffer.alloc(0);
    }
    if (typeof value !== 'string' || value.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) {
      throw serialization(`${member} must be a base64-encoded blob`);
    }
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length < 1) this.clauses.push(`Value at '${field}' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    if (bytes.length > maxBytes) this.clauses.push(`Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${maxBytes}`);
    return bytes;
  }

  enumeration<T extends string>(member: string, field: string, values: readonly T[]): T {
    const value = this.raw[member];
    if (value === undefined || value === null) {
      this.clauses.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return values[0];
    }
    if (typeof value !== 'string') throw serialization(`${member} must be a string`);
    if (!(values as readonly string[]).includes(value)) {
      this.clauses.push(`Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${values.join(', ')}]`);
    }
    return value as T;
  }

  /** Grant tokens are accepted (at most 10, as AWS allows) but grant nothing: local keys have no grants. */
  grantTokens(): void {
    const value = this.raw.GrantTokens;
    if (value === undefined || value === null) return;
    if (!Array.isArray(value) || value.some((token) => typeof token !== 'string')) throw serialization('GrantTokens must be a list of strings');
    if (value.length > 10) {
      this.clauses.push(`Value '[${value.join(', ')}]' at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10`);
    }
  }

  dryRun(): boolean {
    const value = this.raw.DryRun;
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') throw serialization('DryRun must be a boolean');
    return value;
  }
}

/** The members GenerateMac and VerifyMac share: the message, the key and the MAC algorithm. */
export function macRequestFields(fields: FieldReader): { message: Buffer; keyId: string; macAlgorithm: MacAlgorithm } {
  return {
    message: fields.blob('Message', 'message', MAX_MESSAGE_BYTES),
    keyId: fields.string('KeyId', 'keyId', MAX_KEY_ID_LENGTH),
    macAlgorithm: fields.enumeration('MacAlgorithm', 'macAlgorithm', MAC_ALGORITHMS),
  };
}
