import { authorization, type AuthorizationCheck, type AuthorizationTable } from '../protocol/authorization';
import type { KMS_OPERATIONS } from './operations';
import type { KmsState } from './state';

/**
 * A key operation is authorized on the key the KeyId names, however it names it (id, ARN, alias name or alias ARN),
 * with `kms:RequestAlias` when an alias names it. A KeyId that names no key is not checked: the action answers
 * NotFoundException, as AWS does.
 */
function onKey(action: string, macAlgorithm: (input: { keyId: string; macAlgorithm?: string }) => string | undefined) {
  return authorization<KmsState, { keyId: string; macAlgorithm?: string }>([{ action, resourceType: 'key' }], (input, state): AuthorizationCheck[] => {
    const key = state.findKey(input.keyId);
    if (key === undefined) return [];
    const context: Record<string, string> = {};
    if (input.keyId.startsWith('alias/') || /:alias\//.test(input.keyId)) context['kms:RequestAlias'] = input.keyId.slice(input.keyId.indexOf('alias/'));
    const algorithm = macAlgorithm(input);
    if (algorithm !== undefined) context['kms:MacAlgorithm'] = algorithm;
    return [{ action, resource: key.arn, context }];
  });
}

/** The permission each KMS operation needs; key policies decide (see local IAM's decision). */
export const KMS_AUTHORIZATION = {
  GenerateMac: onKey('kms:GenerateMac', (input) => input.macAlgorithm),
  VerifyMac: onKey('kms:VerifyMac', (input) => input.macAlgorithm),
  DescribeKey: onKey('kms:DescribeKey', () => undefined),
} satisfies AuthorizationTable<KmsState, typeof KMS_OPERATIONS>;
