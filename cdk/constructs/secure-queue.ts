import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueKey } from './queue-key';

/** The longest retention SQS allows: a dead letter waits two weeks for an operator. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

export interface SecureQueueProps {
  /** Physical queue name. */
  readonly queueName: string;
  /**
   * How long a message may stay in the queue.
   * @default Duration.days(4), the SQS default, made explicit because redelivery windows are computed from it
   */
  readonly retentionPeriod?: Duration;
  /**
   * How long a received message stays hidden from other consumers.
   * @default Duration.seconds(30)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * SQS's redrive policy: the queue a message moves to after `maxReceiveCount` failed receives.
   * @default - no redrive; only for queues that are themselves the end of a path (an OperatorQueue)
   */
  readonly redrive?: sqs.DeadLetterQueue;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * The customer managed key of a queue that holds personal data. Every `grantSendMessages` and
   * `grantConsumeMessages` on the queue then also lets the grantee use the key, through SQS only.
   * @default - SQS-managed encryption (SSE-SQS), for a queue that holds no personal data
   */
  readonly dataKey?: QueueKey;
}

/**
 * An SQS queue that is secure by default: encrypted at rest and refusing requests that are not TLS. A queue that
 * holds personal data is encrypted with its customer managed key, whose policy names each sender and receiver; any
 * other with SQS-managed keys (no key policy to maintain, and any AWS service may deliver to it).
 */
export class SecureQueue extends sqs.Queue {
  /** The configured retention, readable without resolving tokens. */
  readonly retentionPeriod: Duration;
  /** The configured visibility timeout, readable without resolving tokens. */
  readonly visibilityTimeout: Duration;
  /** The customer managed key, for a queue that holds personal data. */
  readonly dataKey?: QueueKey;

  constructor(scope: Construct, id: string, props: SecureQueueProps) {
    const retentionPeriod = props.retentionPeriod ?? Duration.days(4);
    const visibilityTimeout = props.visibilityTimeout ?? Duration.seconds(30);
    super(scope, id, {
      queueName: props.queueName,
      encryption: props.dataKey === undefined ? sqs.QueueEncryption.SQS_MANAGED : undefined,
      enforceSSL: true,
      retentionPeriod,
      visibilityTimeout,
      deadLetterQueue: props.redrive,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.retentionPeriod = retentionPeriod;
    this.visibilityTimeout = visibilityTimeout;
    if (props.dataKey !== undefined) {
      // Set on the resource rather than as `encryptionMasterKey`: CDK's grants on such a queue would give the key to
      // services without any condition and to roles with wildcard actions. Here the grants below add one exact
      // statement per grantee to the key policy instead.
      const queue = this.node.defaultChild as sqs.CfnQueue;
      queue.kmsMasterKeyId = props.dataKey.keyArn;
      this.dataKey = props.dataKey;
    }
  }

  override grantSendMessages(grantee: iam.IGrantable): iam.Grant {
    this.dataKey?.allowSqsSend(grantee.grantPrincipal);
    return super.grantSendMessages(grantee);
  }

  /**
   * Sending and nothing else: `sqs:SendMessage`, which SendMessageBatch needs too, without the attribute and URL reads
   * `grantSendMessages` adds, for a sender that is given the queue's URL.
   */
  grantSendOnly(grantee: iam.IGrantable): iam.Grant {
    this.dataKey?.allowSqsSend(grantee.grantPrincipal);
    return this.grant(grantee, 'sqs:SendMessage');
  }

  override grantConsumeMessages(grantee: iam.IGrantable): iam.Grant {
    this.dataKey?.allowSqsReceive(grantee.grantPrincipal);
    return super.grantConsumeMessages(grantee);
  }

  /**
   * Lets a service's deliveries that the queue policy allows without a `grant*` (a rule target's dead-letter queue)
   * use the queue's key. Nothing to do for SQS-managed encryption.
   */
  allowEncryptedDeliveriesBy(service: iam.ServicePrincipal): void {
    this.dataKey?.allowSqsSend(service);
  }
}

export interface OperatorQueueProps {
  /** Physical queue name; by convention it ends in `-dlq`. */
  readonly queueName: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  /** @default - SQS-managed encryption; see `SecureQueueProps.dataKey` */
  readonly dataKey?: QueueKey;
}

/**
 * The end of a delivery path: an encrypted queue an operator reads and redrives, keeping each message for
 * 14 days. It has no dead-letter queue of its own, because nothing consumes it automatically; where it is used, the
 * user states that to cdk-nag (`acknowledgeNoDeadLetterQueue`), with the reason that holds there.
 */
export class OperatorQueue extends SecureQueue {
  constructor(scope: Construct, id: string, props: OperatorQueueProps) {
    super(scope, id, { queueName: props.queueName, retentionPeriod: DEAD_LETTER_RETENTION, removalPolicy: props.removalPolicy, dataKey: props.dataKey });
  }
}
