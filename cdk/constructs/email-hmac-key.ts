import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CustomerManagedKey } from './customer-managed-key';

/** The only MAC algorithm an HMAC_256 key supports, and the one the services use. */
export const EMAIL_HMAC_ALGORITHM = 'HMAC_SHA_256';

/** The alias operators use to compute an address's pseudonym (`aws kms generate-mac --key-id <alias>`). */
export function emailHmacAlias(stage: string): string {
  return `alias/users-fanout-${stage}-email-hmac`;
}

export interface EmailHmacKeyProps {
  readonly stage: string;
  /**
   * Keep it wherever pseudonyms must stay matchable: a new key gives every address a new pseudonym.
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The stage's HMAC key: the audit log and the log lines carry an HMAC of each email under it, in place of the
 * address. The key never leaves KMS, so a pseudonym cannot be reversed by hashing a list of known addresses, as an
 * unsalted hash can. HMAC keys are never rotated by KMS; a pseudonym stays the same for the key's life.
 */
export class EmailHmacKey extends CustomerManagedKey {
  constructor(scope: Construct, id: string, props: EmailHmacKeyProps) {
    super(scope, id, {
      description: `Pseudonymizes email addresses of users-fanout-${props.stage} (HMAC in the audit log and the logs)`,
      keySpec: kms.KeySpec.HMAC_256,
      keyUsage: kms.KeyUsage.GENERATE_VERIFY_MAC,
      alias: emailHmacAlias(props.stage),
      removalPolicy: props.removalPolicy,
    });
  }

  /** Lets a role compute pseudonyms, with the services' algorithm only. */
  allowMacGeneration(principal: iam.IPrincipal): void {
    this.allow(principal, ['kms:GenerateMac'], { StringEquals: { 'kms:MacAlgorithm': EMAIL_HMAC_ALGORITHM } });
  }
}
