import { GenerateMacCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { AwsClientStub } from 'aws-sdk-client-mock';

/** The stage's HMAC key as the handler tests configure it (EMAIL_HMAC_KEY_ARN). */
export const TEST_HMAC_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/11111111-1111-4111-8111-111111111111';

/** Stands in for the key: the MAC is a function of the message, so tests see which address was hashed. */
export function fakeMac(message: Uint8Array): Uint8Array {
  return Uint8Array.from(Buffer.from(`mac(${Buffer.from(message).toString('utf8')})`).reverse());
}

/** The hex the functions write for an address under the fake key. */
export function fakeHmacHex(email: string): string {
  return Buffer.from(fakeMac(Buffer.from(email))).toString('hex');
}

/** Makes a mocked KMS client answer GenerateMac with `fakeMac`, as the key would, but predictably. */
export function answerGenerateMacWithFakeKey(kms: AwsClientStub<KMSClient>): void {
  kms.on(GenerateMacCommand).callsFake((input: { Message: Uint8Array }) => ({ Mac: fakeMac(input.Message), MacAlgorithm: 'HMAC_SHA_256', KeyId: TEST_HMAC_KEY_ARN }));
}
