import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CustomerManagedKey } from './customer-managed-key';

export interface QueueKeyProps {
  /** What the queues it encrypts hold, for the key's description. */
  readonly purpose: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The key of queues that hold personal data. SQS calls KMS on behalf of each sender and receiver; the key lets
 * exactly those the queues were granted to do so, and only through SQS in this Region (`kms:ViaService`), so none of
 * them can use the key directly. `SecureQueue`'s grants add the statements.
 */
export class QueueKey extends CustomerManagedKey {
  constructor(scope: Construct, id: string, props: QueueKeyProps) {
    super(scope, id, { description: `Encrypts ${props.purpose}`, removalPolicy: props.removalPolicy });
  }

  /** A sender makes SQS generate a data key and decrypt it to check it (AWS's SQS key-management guide). */
  allowSqsSend(principal: iam.IPrincipal): void {
    this.allow(this.keyPrincipal(principal), ['kms:Decrypt', 'kms:GenerateDataKey'], this.throughSqs());
  }

  /** A receiver makes SQS decrypt the data key. */
  allowSqsReceive(principal: iam.IPrincipal): void {
    this.allow(this.keyPrincipal(principal), ['kms:Decrypt'], this.throughSqs());
  }

  private throughSqs(): Record<string, Record<string, unknown>> {
    return { StringEquals: { 'kms:ViaService': `sqs.${Stack.of(this).region}.amazonaws.com` } };
  }

  /**
   * A service is named without the conditions its queue grant carries. `aws:SourceArn` binds the sending rule on the
   * queue policy, where SQS checks it; AWS's SQS guide grants event sources on the key without it, and AWS notes that
   * EventBridge's deliveries through a service to KMS do not carry it, so on the key it could refuse every delivery.
   * (A reference to the rule there would also make a dependency cycle through the queue.)
   */
  private keyPrincipal(principal: iam.IPrincipal): iam.IPrincipal {
    if (principal instanceof iam.ServicePrincipal) return new iam.ServicePrincipal(principal.service);
    if (principal.policyFragment.principalJson.AWS === undefined) {
      throw new Error(`${this.node.path}: a queue key can name IAM roles, users and services only, not ${JSON.stringify(principal.policyFragment.principalJson)}`);
    }
    return principal;
  }
}
