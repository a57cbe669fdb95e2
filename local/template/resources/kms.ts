import { KmsAliasModel, KmsKeyModel } from '../../model/types';
import { kmsAliasArn } from '../arns';
import { TemplateError } from '../cfn-types';
import { BuildContext, ResolvedResource } from './build-context';

const HMAC_KEY_SPECS = ['HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512'];
const KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  ...HMAC_KEY_SPECS,
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
  'SM2',
];
const KEY_USAGES = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT'];

/**
 * AWS::KMS::Key. The runtime serves GenerateMac and VerifyMac for HMAC keys; every other key is modelled only as far
 * as a reference to it (its id and ARN) and DescribeKey need. Its KeyPolicy is read by local IAM (`iam/`).
 */
export function buildKmsKey({ logicalId, identity, properties }: ResolvedResource, context: BuildContext): KmsKeyModel | undefined {
  const where = `${logicalId} (AWS::KMS::Key)`;
  const keySpec = properties.optionalString('KeySpec') ?? 'SYMMETRIC_DEFAULT';
  if (!KEY_SPECS.includes(keySpec)) throw new TemplateError(`${where}: unknown KeySpec ${keySpec}`);
  const keyUsage = properties.optionalString('KeyUsage') ?? 'ENCRYPT_DECRYPT';
  if (!KEY_USAGES.includes(keyUsage)) throw new TemplateError(`${where}: unknown KeyUsage ${keyUsage}`);
  // CloudFormation's CreateKey refuses these pairs; refusing them here keeps a template that cannot deploy from running.
  if (HMAC_KEY_SPECS.includes(keySpec) !== (keyUsage === 'GENERATE_VERIFY_MAC')) {
    throw new TemplateError(`${where}: KeySpec ${keySpec} cannot have KeyUsage ${keyUsage}; HMAC key specs go with GENERATE_VERIFY_MAC only`);
  }
  const origin = properties.optionalString('Origin') ?? 'AWS_KMS';
  if (origin !== 'AWS_KMS') {
    context.warn(`${where}: Origin ${origin} is not supported locally (no key material can be imported); skipped`);
    return undefined;
  }
  return {
    logicalId,
    keyId: identity.attributes.KeyId,
    arn: identity.attributes.Arn,
    keySpec,
    keyUsage,
    enabled: properties.boolean('Enabled', true),
    description: properties.optionalString('Description') ?? '',
  };
}

/** AWS::KMS::Alias, whose TargetKeyId is a key id or key ARN of a key in the template. */
export function buildKmsAlias({ logicalId, identity, properties }: ResolvedResource, keys: readonly KmsKeyModel[], context: BuildContext): KmsAliasModel | undefined {
  const target = properties.string('TargetKeyId');
  const key = keys.find((candidate) => candidate.keyId === target || candidate.arn === target);
  if (key === undefined) {
    context.warn(`${logicalId} (AWS::KMS::Alias): target key ${target} is not a key the local runtime runs; skipped`);
    return undefined;
  }
  return { logicalId, name: identity.ref, arn: kmsAliasArn(context, identity.ref), targetKeyArn: key.arn };
}
