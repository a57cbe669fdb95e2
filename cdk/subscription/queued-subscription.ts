import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import { Construct } from 'constructs';
import type { QueueKey } from '../constructs/queue-key';
import { OperatorQueue, SecureQueue } from '../constructs/secure-queue';
import { ServiceFunction } from '../constructs/service-function';
import { ruleTargetRetries, sumDurations } from './redelivery';
import { QueueDeliveryOptions, QueuedDelivery } from './subscriber-entry';
import { targetInput } from './target-input';

/** `QueuedDelivery.batchSize`'s default. */
export const DEFAULT_QUEUED_BATCH_SIZE = 10;
/** `QueuedDelivery.maxConcurrency`'s default, the lowest an SQS event source mapping accepts. */
export const DEFAULT_QUEUED_MAX_CONCURRENCY = 2;

/** AWS's guidance: at least six function timeouts, so a message is not redelivered while still being handled. */
const VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT = 6;

export interface SubscriberQueueProps {
  readonly queueName: string;
  readonly rule: events.Rule;
  readonly deadLetterQueue: OperatorQueue;
  readonly delivery: QueueDeliveryOptions;
  /** @default Duration.seconds(30) */
  readonly visibilityTimeout?: Duration;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  /** The subscriber's key: its events hold personal data. */
  readonly dataKey: QueueKey;
}

/**
 * Rule -> encrypted queue. The rule's retries cover handing the event to SQS; the queue's redrive policy
 * moves a message that keeps failing to the DLQ. Both end in the same DLQ, as the same event.
 */
export class SubscriberQueue extends SecureQueue {
  /** Longest time after reaching the bus that a consumer may still receive the event. */
  readonly redeliveryWindow: Duration;

  constructor(scope: Construct, id: string, props: SubscriberQueueProps) {
    const { delivery, deadLetterQueue } = props;
    super(scope, id, {
      queueName: props.queueName,
      retentionPeriod: delivery.retentionPeriod,
      visibilityTimeout: props.visibilityTimeout,
      redrive: { queue: deadLetterQueue, maxReceiveCount: delivery.maxReceiveCount ?? 5 },
      removalPolicy: props.removalPolicy,
      dataKey: props.dataKey,
    });
    const retries = ruleTargetRetries(delivery, deadLetterQueue);
    props.rule.addTarget(new targets.SqsQueue(this, { ...retries, message: targetInput(delivery.inputTransformer) }));
    deadLetterQueue.allowEncryptedDeliveriesBy(new iam.ServicePrincipal('events.amazonaws.com'));
    // A message can be received last just before it expires, and is then handled for one visibility timeout.
    this.redeliveryWindow = sumDurations(retries.maxEventAge, this.retentionPeriod, this.visibilityTimeout);
  }
}

export interface QueuedSubscriptionProps {
  readonly queueName: string;
  readonly rule: events.Rule;
  readonly handler: ServiceFunction;
  readonly deadLetterQueue: OperatorQueue;
  readonly delivery: QueuedDelivery;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
  readonly dataKey: QueueKey;
}

/**
 * Rule -> queue -> function. The function consumes batches through an event source mapping that reports
 * failed messages individually (only those are retried) and caps concurrency to respect downstream quotas.
 */
export class QueuedSubscription extends Construct {
  readonly queue: SubscriberQueue;
  /** Function instances the queue may drive at once. */
  readonly maxConcurrency: number;
  /** Messages per invocation. */
  readonly batchSize: number;

  constructor(scope: Construct, id: string, props: QueuedSubscriptionProps) {
    super(scope, id);
    const { delivery, handler } = props;
    this.maxConcurrency = delivery.maxConcurrency ?? DEFAULT_QUEUED_MAX_CONCURRENCY;
    this.batchSize = delivery.batchSize ?? DEFAULT_QUEUED_BATCH_SIZE;
    this.queue = new SubscriberQueue(this, 'Queue', {
      queueName: props.queueName,
      rule: props.rule,
      deadLetterQueue: props.deadLetterQueue,
      delivery,
      visibilityTimeout: Duration.seconds(handler.timeout.toSeconds() * VISIBILITY_TIMEOUTS_PER_FUNCTION_TIMEOUT),
      removalPolicy: props.removalPolicy,
      dataKey: props.dataKey,
    });
    handler.addEventSource(
      new eventSources.SqsEventSource(this.queue, {
        batchSize: this.batchSize,
        maxConcurrency: this.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }

  get redeliveryWindow(): Duration {
    return this.queue.redeliveryWindow;
  }
}
