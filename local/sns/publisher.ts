import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { LogSink } from '../log-sink';
import type { LambdaPort, SqsPort } from '../model/ports';
import type { SnsSubscriptionModel, TopicModel } from '../model/types';
import type { SpanId, Tracer } from '../trace';
import { compileSnsFilterPolicy, type SnsFilterPolicy, type SnsMessageAttribute } from '../patterns';
import type { CallerFactory, RequestCaller } from '../protocol/authorization';
import { topicNotFound } from './errors';
import { lambdaEvent, sqsMessageAttributes, sqsNotification, type PublishedMessage } from './notification';

export interface PublishInput {
  topicArn: string;
  message: string;
  subject?: string;
  /** `json`: the message is a JSON object of per-protocol messages, with a `default`. */
  messageStructure?: 'json';
  messageAttributes?: Record<string, SnsMessageAttribute>;
}

export interface PublisherOptions {
  topics: ReadonlyMap<string, TopicModel>;
  subscriptions: readonly SnsSubscriptionModel[];
  sqs: SqsPort;
  lambda: LambdaPort;
  region: string;
  clock: Clock;
  log: LogSink;
  tracer: Tracer;
  /** SNS delivers as sns.amazonaws.com, with the topic as `aws:SourceArn`: the queue policy or Lambda permission decides. */
  callers: CallerFactory;
}

interface Subscriber {
  model: SnsSubscriptionModel;
  filter?: SnsFilterPolicy;
}

/**
 * Fans a published message out to its topic's subscriptions: each filter policy decides, then the message goes
 * to the queue (as SNS's notification JSON, or raw) or to the function (asynchronously). Every delivery is
 * accepted durably by the queue or by Lambda's event queue before Publish answers. A delivery the endpoint
 * refuses (a queue or function the template lacks) is a client error, which SNS does not retry: it goes to the
 * subscription's dead-letter queue with ErrorCode, ErrorMessage and RequestID, or is logged as lost.
 */
export class Publisher {
  private readonly byTopic = new Map<string, Subscriber[]>();

  constructor(private readonly options: PublisherOptions) {
    for (const model of options.subscriptions) {
      const subscriber: Subscriber = {
        model,
        ...(model.filterPolicy !== undefined ? { filter: compileSnsFilterPolicy(model.filterPolicy, model.filterPolicyScope) } : {}),
      };
      this.byTopic.set(model.topicArn, [...(this.byTopic.get(model.topicArn) ?? []), subscriber]);
    }
  }

  /** `traceParent` is the hop that published: a rule's delivery, a function's invocation or destination. */
  async publish(input: PublishInput, traceParent?: SpanId): Promise<{ messageId: string }> {
    if (!this.options.topics.has(input.topicArn)) throw topicNotFound();
    const messageId = randomUUID();
    const { tracer } = this.options;
    const span = tracer.record({ kind: 'sns.publish', resource: input.topicArn, parents: [traceParent], ids: [messageId], payload: input.message }) || undefined;
    const perProtocol = input.messageStructure === 'json' ? (JSON.parse(input.message) as Record<string, string>) : undefined;
    const attributes = input.messageAttributes ?? {};
    for (const subscriber of this.byTopic.get(input.topicArn) ?? []) {
      const { protocol } = subscriber.model;
      const published: PublishedMessage = {
        messageId,
        topicArn: input.topicArn,
        message: perProtocol ? (perProtocol[protocol] ?? perProtocol.default) : input.message,
        ...(input.subject !== undefined ? { subject: input.subject } : {}),
        attributes,
        timestamp: this.options.clock.now(),
      };
      if (subscriber.filter && !subscriber.filter.matches({ body: published.message, attributes })) {
        tracer.record({ kind: 'sns.filter', resource: subscriber.model.arn, name: 'filtered out', parents: [span], ids: [messageId] }, 'dropped');
        continue;
      }
      await this.deliver(subscriber.model, published, span);
    }
    return { messageId };
  }

  private async deliver(subscription: SnsSubscriptionModel, published: PublishedMessage, traceParent: SpanId | undefined): Promise<void> {
    const { sqs, lambda, region } = this.options;
    const body = subscription.rawMessageDelivery ? published.message : sqsNotification(published, subscription.arn, region);
    const caller = this.serviceFor(published.topicArn);
    try {
      if (subscription.protocol === 'lambda') await lambda.invokeAsync(subscription.endpoint, lambdaEvent(published, subscription.arn, region), caller, { traceParent });
      else {
        const messageAttributes = subscription.rawMessageDelivery ? sqsMessageAttributes(published.attributes) : undefined;
        sqs.send(subscription.endpoint, { body, messageAttributes, trace: { parent: traceParent } }, caller);
      }
    } catch (error) {
      // The refused delivery is a failed hop, so the trace shows it red, with the dead-letter message under it.
      const refused = this.options.tracer.record(
        { kind: 'sns.delivery', resource: subscription.arn, name: 'refused', parents: [traceParent], ids: [published.messageId], attributes: { error: (error as Error).message } },
        'error',
      );
      this.deadLetter(subscription, published, body, error as Error, refused || undefined);
    }
  }

  private serviceFor(topicArn: string): RequestCaller {
    return this.options.callers.forService('sns.amazonaws.com', { sourceArn: topicArn, sourceAccount: topicArn.split(':')[4] });
  }

  private deadLetter(subscription: SnsSubscriptionModel, published: PublishedMessage, body: string, error: Error, traceParent: SpanId | undefined): void {
    const why = `${subscription.protocol} endpoint ${subscription.endpoint} refused message ${published.messageId}: ${error.message}`;
    if (subscription.deadLetterArn === undefined) {
      this.options.log(`sns: LOST: ${why}; subscription ${subscription.arn} has no dead-letter queue`);
      return;
    }
    const text = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      this.options.sqs.send(
        subscription.deadLetterArn,
        {
          body,
          messageAttributes: { ErrorCode: text(error.name), ErrorMessage: text(error.message || error.name), RequestID: text(randomUUID()) },
          trace: { parent: traceParent, deadLetter: true },
        },
        this.serviceFor(published.topicArn),
      );
      this.options.log(`sns: ${why}; sent to the dead-letter queue ${subscription.deadLetterArn}`);
    } catch (dlqError) {
      this.options.log(`sns: LOST: ${why}; the dead-letter queue refused it too (${(dlqError as Error).message})`);
    }
  }
}
