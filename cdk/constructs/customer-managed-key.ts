import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * What the account may do with a key: administer it, never use it. Listed one by one rather than CDK's `kms:Create*`
 * and friends, which include `kms:CreateGrant`, a way to hand out uses the policy does not name.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListResourceTags',
  'kms:PutKeyPolicy',
  'kms:RevokeGrant',
  'kms:ScheduleKeyDeletion',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
];

export interface CustomerManagedKeyProps {
  readonly description: string;
  /**
   * RETAIN also lengthens the deletion window to AWS's longest, 30 days.
   * @default RemovalPolicy.DESTROY, with a 7-day deletion window
   */
  readonly removalPolicy?: RemovalPolicy;
  /** @default kms.KeySpec.SYMMETRIC_DEFAULT, rotated every year */
  readonly keySpec?: kms.KeySpec;
  /** @default kms.KeyUsage.ENCRYPT_DECRYPT */
  readonly keyUsage?: kms.KeyUsage;
  /** @default - no alias */
  readonly alias?: string;
}

/**
 * A customer managed KMS key whose policy names everyone who may use it. Unlike CDK's default key policy, which lets
 * the account do anything and so lets any IAM policy in it grant a use, the account here may only administer the
 * key (so administrators and CloudFormation can manage it); each use is a statement added with `allow`, naming one
 * role or one service, under conditions.
 */
export class CustomerManagedKey extends kms.Key {
  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    const keySpec = props.keySpec ?? kms.KeySpec.SYMMETRIC_DEFAULT;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    super(scope, id, {
      description: props.description,
      keySpec,
      keyUsage: props.keyUsage,
      alias: props.alias,
      // KMS rotates symmetric encryption keys only; it refuses rotation for HMAC and asymmetric keys.
      enableKeyRotation: keySpec === kms.KeySpec.SYMMETRIC_DEFAULT,
      removalPolicy,
      pendingWindow: Duration.days(removalPolicy === RemovalPolicy.RETAIN ? 30 : 7),
      policy: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            sid: 'AccountAdministersTheKeyButCannotUseIt',
            principals: [new iam.AccountRootPrincipal()],
            actions: KEY_ADMINISTRATION_ACTIONS,
            resources: ['*'],
          }),
        ],
      }),
    });
  }

  /** Lets one principal perform `actions` with the key, under `conditions`: a statement of the key policy. */
  allow(principal: iam.IPrincipal, actions: string[], conditions?: Record<string, Record<string, unknown>>): void {
    this.addToResourcePolicy(new iam.PolicyStatement({ principals: [principal], actions, resources: ['*'], conditions }));
  }
}
