import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';

/** Computes the keyed pseudonym of an email address; see `emailHmac`. */
export type EmailHmac = (email: string) => Promise<string>;

/**
 * HMAC-SHA-256 (hex) of the trimmed, lower-cased address under the stage's HMAC key in KMS. The key never leaves
 * KMS, so unlike a plain hash the pseudonym cannot be reversed by hashing a list of known addresses; it is stable
 * across case differences and across invocations, so records and log lines of one person can still be matched.
 */
export function emailHmac(kms: KMSClient, keyId: string): EmailHmac {
  return async (email) => {
    const { Mac } = await kms.send(
      new GenerateMacCommand({ KeyId: keyId, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from(email.trim().toLowerCase(), 'utf8') }),
    );
    if (Mac === undefined) throw new Error(`KMS GenerateMac with key ${keyId} returned no Mac`);
    return Buffer.from(Mac).toString('hex');
  };
}
