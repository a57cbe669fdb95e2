import type { RequestContext } from '../../protocol/service';
import type { KmsState } from '../state';
import type { DescribeKeyInput } from '../validations/describe-key';
import { MAC_ALGORITHMS } from '../mac-algorithms';

/** KeyMetadata as AWS returns it for a customer managed key created by the template. */
export function describeKey(state: KmsState, input: DescribeKeyInput, _context: RequestContext): unknown {
  const key = state.resolveKey(input.keyId);
  const hmacBits = /^HMAC_(\d+)$/.exec(key.keySpec)?.[1];
  return {
    KeyMetadata: {
      AWSAccountId: state.account,
      KeyId: key.keyId,
      Arn: key.arn,
      CreationDate: state.creationDate(key),
      Enabled: key.enabled,
      Description: key.description,
      KeyUsage: key.keyUsage,
      KeyState: key.enabled ? 'Enabled' : 'Disabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: key.keySpec,
      KeySpec: key.keySpec,
      MultiRegion: key.keyId.startsWith('mrk-'),
      ...(hmacBits !== undefined ? { MacAlgorithms: MAC_ALGORITHMS.filter((algorithm) => algorithm.endsWith(`_${hmacBits}`)) } : {}),
      ...(key.keySpec === 'SYMMETRIC_DEFAULT' ? { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } : {}),
    },
  };
}
