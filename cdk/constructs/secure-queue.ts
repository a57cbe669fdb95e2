import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

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
}

/**
 * An SQS queue that is secure by default: server-side encrypted with SQS-managed keys (no KMS key policy to
 * maintain, and any AWS service may deliver to it) and refusing requests that are not TLS.
 */
export class SecureQueue extends sqs.Queue {
  /** The configured retention, readable without resolving tokens. */
  readonly retentionPeriod: Duration;
  /** The configured visibility timeout, readable without resolving tokens. */
  readonly visibilityTimeout: Duration;

  constructor(scope: Construct, id: string, props: SecureQueueProps) {
    const retentionPeriod = props.retentionPeriod ?? Duration.days(4);
    const visibilityTimeout = props.visibilityTimeout ?? Duration.seconds(30);
    super(scope, id, {
      queueName: props.queueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod,
      visibilityTimeout,
      deadLetterQueue: props.redrive,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.DESTROY,
    });
    this.retentionPeriod = retentionPeriod;
    this.visibilityTimeout = visibilityTimeout;
  }
}

export interface OperatorQueueProps {
  /** Physical queue name; by convention it ends in `-dlq`. */
  readonly queueName: string;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The end of a delivery path, read only by operators: an encrypted queue they read and redrive, keeping each
 * message for 14 days. Every dead-letter queue of the stack is one, and so is the rejected-users queue. It has no
 * dead-letter queue of its own, because nothing consumes it automatically.
 */
export class OperatorQueue extends SecureQueue {
  constructor(scope: Construct, id: string, props: OperatorQueueProps) {
    super(scope, id, { queueName: props.queueName, retentionPeriod: DEAD_LETTER_RETENTION, removalPolicy: props.removalPolicy });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason:
        'This queue is itself a dead-letter queue (of a pipe, a rule target or a Lambda on-failure destination, which cdk-nag cannot see); ' +
        'only operators read it, so a DLQ behind it would never receive anything. Its depth is alarmed instead.',
    });
  }
}
