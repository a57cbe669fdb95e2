import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { OperatorAccess } from '../constructs/operator-role';
import { QueueKey } from '../constructs/queue-key';
import { OperatorQueue, SecureQueue } from '../constructs/secure-queue';
import { ServiceFunction } from '../constructs/service-function';
import { grantCapabilities, SharedResources } from './capabilities';
import { DirectSubscription } from './direct-subscription';
import { QueuedSubscription, SubscriberQueue } from './queued-subscription';
import { sumDurations } from './redelivery';
import { FunctionDeliveryOptions, SubscriberEntry } from './subscriber-entry';
import { MAX_SUBSCRIBER_NAME_LENGTH, SUBSCRIBER_NAME_PATTERN } from './subscriber-name';
import { SubscriberRule } from './subscriber-rule';
import { inputTransformerProblem } from './target-input';
import { WebhookSubscription } from './webhook-subscription';

export interface SubscriberProps {
  readonly entry: SubscriberEntry;
  readonly bus: events.IEventBus;
  readonly shared: SharedResources;
  /** How long after a write the same event may still be published again, upstream of the bus. */
  readonly upstreamRedeliveryWindow: Duration;
  /** @default RemovalPolicy.DESTROY */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Everything one registry entry stands for: its rule, its delivery path (direct, queued, queue-only or webhook),
 * its function with exactly the permissions it declared, and the dead-letter queue every failure ends in.
 */
export class Subscriber extends Construct {
  readonly entry: SubscriberEntry;
  readonly rule: SubscriberRule;
  /** Where every failure of this subscriber's path ends, readable by an operator. */
  readonly deadLetterQueue: OperatorQueue;
  /** Encrypts the subscriber's queues, which hold its events whole, emails and names included. */
  readonly dataKey: QueueKey;
  /** The subscriber's function, for `direct` and `queued` delivery. */
  readonly handler?: ServiceFunction;
  /** The queue the rule feeds, for `queued` and `queue-only` delivery. */
  readonly queue?: SecureQueue;
  /** Longest time, from the original write, in which the subscriber may receive the same event again. */
  readonly redeliveryWindow: Duration;

  constructor(scope: Construct, id: string, props: SubscriberProps) {
    super(scope, id);
    const { entry, shared } = props;
    validateEntry(entry);
    this.entry = entry;
    const physicalName = `users-fanout-${shared.stage}-${entry.name}`;

    this.dataKey = new QueueKey(this, 'DataKey', {
      purpose: `the events queued for subscriber ${physicalName}`,
      removalPolicy: props.removalPolicy,
    });
    this.deadLetterQueue = new OperatorQueue(this, 'DeadLetterQueue', {
      queueName: `${physicalName}-dlq`,
      removalPolicy: props.removalPolicy,
      dataKey: this.dataKey,
    });
    this.rule = new SubscriberRule(this, 'Rule', {
      ruleName: physicalName,
      description: entry.description,
      bus: props.bus,
      eventPattern: entry.eventPattern,
    });

    const { delivery } = entry;
    let deliveryWindow: Duration;
    let queuedSettings: { maxConcurrency: number; batchSize: number } | undefined;
    switch (delivery.kind) {
      case 'direct': {
        this.handler = this.createHandler(entry, delivery, physicalName, shared);
        deliveryWindow = new DirectSubscription(this, 'Direct', {
          rule: this.rule,
          handler: this.handler,
          deadLetterQueue: this.deadLetterQueue,
          delivery,
        }).redeliveryWindow;
        break;
      }
      case 'queued': {
        this.handler = this.createHandler(entry, delivery, physicalName, shared);
        const queued = new QueuedSubscription(this, 'Queued', {
          queueName: physicalName,
          rule: this.rule,
          handler: this.handler,
          deadLetterQueue: this.deadLetterQueue,
          delivery,
          removalPolicy: props.removalPolicy,
          dataKey: this.dataKey,
        });
        this.queue = queued.queue;
        deliveryWindow = queued.redeliveryWindow;
        queuedSettings = { maxConcurrency: queued.maxConcurrency, batchSize: queued.batchSize };
        break;
      }
      case 'queue-only': {
        const queue = new SubscriberQueue(this, 'Queue', {
          queueName: physicalName,
          rule: this.rule,
          deadLetterQueue: this.deadLetterQueue,
          delivery,
          removalPolicy: props.removalPolicy,
          dataKey: this.dataKey,
        });
        // The other team's consumers, named by the entry: the queue policy and the key policy both name them.
        for (const consumer of delivery.consumers ?? []) queue.grantConsumeMessages(new iam.ArnPrincipal(consumer));
        this.queue = queue;
        deliveryWindow = queue.redeliveryWindow;
        break;
      }
      case 'webhook': {
        deliveryWindow = new WebhookSubscription(this, 'Webhook', {
          name: physicalName,
          subscriberName: entry.name,
          description: entry.description,
          stage: shared.stage,
          rule: this.rule,
          deadLetterQueue: this.deadLetterQueue,
          delivery,
        }).redeliveryWindow;
        break;
      }
    }
    this.redeliveryWindow = sumDurations(props.upstreamRedeliveryWindow, deliveryWindow);

    // What `npm run dlq` needs for this subscriber: read its dead letters and send each back through its path.
    const operators = new OperatorAccess(this, 'OperatorAccess', shared.operatorRole);
    this.deadLetterQueue.grantConsumeMessages(operators);
    this.queue?.grantSendMessages(operators);
    // Operators read a queue-only subscriber's queue too (its consumers, when named, are the only others who may).
    if (delivery.kind === 'queue-only') this.queue?.grantConsumeMessages(operators);
    // A queued subscriber's dead letters go back to its queue; only a direct one's are handed to its function.
    if (delivery.kind === 'direct') this.handler?.grantInvokeLatestVersion(operators);

    if (this.handler !== undefined) {
      grantCapabilities(entry.needs ?? [], {
        scope: this,
        subscriberName: entry.name,
        handler: this.handler,
        redeliveryWindow: this.redeliveryWindow,
        queued: queuedSettings,
        shared,
      });
    }
  }

  private createHandler(entry: SubscriberEntry, options: FunctionDeliveryOptions, functionName: string, shared: SharedResources): ServiceFunction {
    return new ServiceFunction(this, 'Handler', {
      serviceName: entry.service ?? entry.name,
      functionName,
      description: entry.description,
      timeout: options.timeout,
      memorySize: options.memorySize,
      logs: shared.logs,
    });
  }
}

const CONSUMER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/;

function validateEntry(entry: SubscriberEntry): void {
  const problem = (message: string) => new Error(`Subscriber "${entry.name}": ${message}`);
  if (!SUBSCRIBER_NAME_PATTERN.test(entry.name) || entry.name.length > MAX_SUBSCRIBER_NAME_LENGTH) {
    throw problem(`name must be lower-case kebab-case, at most ${MAX_SUBSCRIBER_NAME_LENGTH} characters, starting with a letter`);
  }
  if (entry.eventPattern.source.length === 0 || entry.eventPattern['detail-type'].length === 0) {
    throw problem('eventPattern needs at least one source and one detail-type, taken from the event contract');
  }
  const { kind } = entry.delivery;
  if ((kind === 'queue-only' || kind === 'webhook') && (entry.needs?.length || entry.service !== undefined)) {
    throw problem(`a ${kind} subscriber has no function here, so it cannot declare needs or a service`);
  }
  const transformer = entry.delivery.inputTransformer;
  const transformerProblem = transformer === undefined ? undefined : inputTransformerProblem(transformer);
  if (transformerProblem !== undefined) throw problem(transformerProblem);
  const consumer = entry.delivery.kind === 'queue-only' ? entry.delivery.consumers?.find((arn) => !CONSUMER_ARN.test(arn)) : undefined;
  if (consumer !== undefined) throw problem(`consumer ${JSON.stringify(consumer)} is not an IAM role ARN such as arn:aws:iam::123456789012:role/crm-sync`);
}
