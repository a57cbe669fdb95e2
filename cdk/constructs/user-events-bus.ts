import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CustomerManagedKey } from './customer-managed-key';

export interface UserEventsBusProps {
  readonly stage: string;
  /** Event sources archived for replay. */
  readonly archivedSources: string[];
  /**
   * How long archived events can be replayed.
   * @default Duration.days(30)
   */
  readonly archiveRetention?: Duration;
  /**
   * RETAIN keeps the bus, its archive and the archive's key when the stack is deleted (prod).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The custom bus `users-fanout-<stage>` that domain events are published to. Every event from the given sources
 * is archived, encrypted with a customer managed key, so a new or repaired subscriber can be caught up by replaying
 * the archive.
 */
export class UserEventsBus extends events.EventBus {
  readonly eventArchive: events.Archive;
  /** Encrypts the archive: it holds whole events, emails and names included. */
  readonly archiveKey: CustomerManagedKey;

  constructor(scope: Construct, id: string, props: UserEventsBusProps) {
    super(scope, id, { eventBusName: `users-fanout-${props.stage}` });
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    this.applyRemovalPolicy(removalPolicy);
    const archiveName = `users-fanout-${props.stage}-archive`;

    this.archiveKey = new CustomerManagedKey(this, 'ArchiveKey', {
      description: `Encrypts the event archive ${archiveName}`,
      removalPolicy,
    });
    this.allowArchiving(archiveName);

    this.eventArchive = new events.Archive(this, 'Archive', {
      sourceEventBus: this,
      archiveName,
      description: `Replayable history of ${props.archivedSources.join(', ')} events`,
      eventPattern: { source: props.archivedSources },
      retention: props.archiveRetention ?? Duration.days(30),
    });
    // Set on the resource rather than as the Archive's `kmsKey`, whose own statements let EventBridge describe the
    // key from any account; the statements above are the only ones.
    (this.eventArchive.node.defaultChild as events.CfnArchive).kmsKeyIdentifier = this.archiveKey.keyArn;
    this.eventArchive.applyRemovalPolicy(removalPolicy);
  }

  /**
   * Denies `PutEvents` of events with `source` to every principal except `publishers` (IAM role or user ARNs, `*`
   * wildcards allowed). AWS services acting themselves, as EventBridge does when it replays the archive, are not
   * denied; they are not IAM principals anyone in the account can be.
   */
  restrictPublishers(source: string, publishers: readonly string[]): void {
    this.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `only-publishers-of-${source.replace(/[^A-Za-z0-9]/g, '-')}`,
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['events:PutEvents'],
        resources: [this.eventBusArn],
        conditions: {
          StringEquals: { 'events:source': source },
          ArnNotLike: { 'aws:PrincipalArn': [...publishers] },
          Bool: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }

  /**
   * AWS's key policy for archives: EventBridge may use the key only for this bus's events (the encryption context it
   * binds to every archived event), only for this account and this bus or archive. DescribeKey, which EventBridge
   * calls to check the key is symmetric and which reveals no data, is allowed as AWS's example allows it.
   */
  private allowArchiving(archiveName: string): void {
    const stack = Stack.of(this);
    const eventBridge = new iam.ServicePrincipal('events.amazonaws.com');
    const archiveArn = stack.formatArn({ service: 'events', resource: 'archive', resourceName: archiveName });
    this.archiveKey.allow(eventBridge, ['kms:DescribeKey']);
    this.archiveKey.allow(eventBridge, ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:ReEncrypt*'], {
      StringEquals: { 'aws:SourceAccount': stack.account, 'kms:EncryptionContext:aws:events:event-bus:arn': this.eventBusArn },
      ArnEquals: { 'aws:SourceArn': [this.eventBusArn, archiveArn] },
    });
  }
}
