import { createHmac } from 'node:crypto';
import type { KmsKeyModel } from '../model/types';
import { incompatibleMacAlgorithm, invalidKeyUsage, keyDisabled } from './errors';
import type { KmsState } from './state';
import type { MacAlgorithm } from './mac-algorithms';

/** The HMAC key a MAC operation may use, checked in AWS's order: it exists, it is enabled, it is an HMAC key, the algorithm fits its spec. */
export function macKey(state: KmsState, keyId: string, operation: 'GenerateMac' | 'VerifyMac', algorithm: MacAlgorithm): KmsKeyModel {
  const key = state.resolveKey(keyId);
  if (!key.enabled) throw keyDisabled(key.arn);
  if (key.keyUsage !== 'GENERATE_VERIFY_MAC') throw invalidKeyUsage(key.arn, key.keyUsage, operation);
  // Each HMAC key spec supports exactly one algorithm: HMAC_256 keys, HMAC_SHA_256.
  if (`HMAC_${algorithm.slice('HMAC_SHA_'.length)}` !== key.keySpec) throw incompatibleMacAlgorithm(algorithm, key.keySpec);
  return key;
}

/** RFC 2104 HMAC of the message under the key's secret, with the algorithm's hash. */
export function computeMac(state: KmsState, key: KmsKeyModel, algorithm: MacAlgorithm, message: Buffer): Buffer {
  const hash = `sha${algorithm.slice('HMAC_SHA_'.length)}`;
  return createHmac(hash, state.material(key)).update(message).digest();
}
