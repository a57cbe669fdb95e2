import { Aspects, RemovalPolicy, Stack, type IAspect } from 'aws-cdk-lib';
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
  /** By the principal's policy JSON: a sender's statement gives it the Decrypt a receiver needs, so it is named once. */
  private readonly senders = new Map<string, iam.IPrincipal>();
  private readonly receivers = new Map<string, iam.IPrincipal>();

  constructor(scope: Construct, id: string, props: QueueKeyProps) {
    super(scope, id, { description: `Encrypts ${props.purpose}`, removalPolicy: props.removalPolicy });
    // The statements are written once every grant is known, before synthesis (and before cdk-nag reads the key).
    const writeStatements: IAspect = { visit: (node) => node === this && this.writeSqsStatements() };
    Aspects.of(this).add(writeStatements);
  }

  /** A sender makes SQS generate a data key and decrypt it to check it (AWS's SQS key-management guide). */
  allowSqsSend(principal: iam.IPrincipal): void {
    const named = this.keyPrincipal(principal);
    this.senders.set(this.principalId(named), named);
  }

  /** A receiver makes SQS decrypt the data key. */
  allowSqsReceive(principal: iam.IPrincipal): void {
    const named = this.keyPrincipal(principal);
    this.receivers.set(this.principalId(named), named);
  }

  private writeSqsStatements(): void {
    for (const named of this.senders.values()) this.allow(named, ['kms:Decrypt', 'kms:GenerateDataKey'], this.throughSqs());
    for (const [id, named] of this.receivers) {
      if (!this.senders.has(id)) this.allow(named, ['kms:Decrypt'], this.throughSqs());
    }
    this.senders.clear();
    this.receivers.clear();
  }

  private principalId(principal: iam.IPrincipal): string {
    return JSON.stringify(Stack.of(this).resolve(principal.policyFragment.principalJson));
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
