import type { RequestContext } from '../../protocol/service';
import { dryRunSucceeded } from '../errors';
import type { KmsState } from '../state';
import type { GenerateMacInput } from '../validations/generate-mac';
import { computeMac, macKey } from '../mac-key';

export function generateMac(state: KmsState, input: GenerateMacInput, _context: RequestContext): unknown {
  const key = macKey(state, input.keyId, 'GenerateMac', input.macAlgorithm);
  if (input.dryRun) throw dryRunSucceeded();
  const mac = computeMac(state, key, input.macAlgorithm, input.message);
  return { KeyId: key.arn, Mac: mac.toString('base64'), MacAlgorithm: input.macAlgorithm };
}
