import { timingSafeEqual } from 'node:crypto';
import type { RequestContext } from '../../protocol/service';
import { dryRunSucceeded, invalidMac } from '../errors';
import type { KmsState } from '../state';
import type { VerifyMacInput } from '../validations/verify-mac';
import { computeMac, macKey } from '../mac-key';

/** A MAC that does not match is an error, not `MacValid: false`: AWS only ever answers `MacValid: true`. */
export function verifyMac(state: KmsState, input: VerifyMacInput, _context: RequestContext): unknown {
  const key = macKey(state, input.keyId, 'VerifyMac', input.macAlgorithm);
  if (input.dryRun) throw dryRunSucceeded();
  const expected = computeMac(state, key, input.macAlgorithm, input.message);
  if (expected.length !== input.mac.length || !timingSafeEqual(expected, input.mac)) throw invalidMac();
  return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.macAlgorithm };
}
