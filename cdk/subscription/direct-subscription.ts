import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { Construct } from 'constructs';
import { acknowledgeNoDeadLetterQueue } from '../constructs/nag';
import { OperatorQueue } from '../constructs/secure-queue';
import { ServiceFunction } from '../constructs/service-function';
import { ruleTargetRetries, sumDurations } from './redelivery';
import { DirectDelivery } from './subscriber-entry';
import { targetInput } from './target-input';

export interface DirectSubscriptionProps {
  readonly rule: events.Rule;
  readonly handler: ServiceFunction;
  readonly deadLetterQueue: OperatorQueue;
  readonly delivery: DirectDelivery;
}

/**
 * Rule -> function, invoked asynchronously. Two retry layers, both bounded and both ending in the DLQ:
 * the rule target's (could the event be handed to Lambda?) and Lambda's asynchronous settings (did the
 * function succeed?), whose on-failure destination records the event with the error.
 */
export class DirectSubscription extends Construct {
  /** Longest time after reaching the bus that the function may still receive the event. */
  readonly redeliveryWindow: Duration;

  constructor(scope: Construct, id: string, props: DirectSubscriptionProps) {
    super(scope, id);
    const { delivery, handler, deadLetterQueue } = props;
    const retries = ruleTargetRetries(delivery, deadLetterQueue);
    const asyncMaxEventAge = delivery.asyncMaxEventAge ?? Duration.hours(1);

    props.rule.addTarget(new targets.LambdaFunction(handler, { ...retries, event: targetInput(delivery.inputTransformer) }));
    handler.configureAsyncInvoke({
      retryAttempts: delivery.asyncRetryAttempts ?? 2,
      maxEventAge: asyncMaxEventAge,
      onFailure: new destinations.SqsDestination(deadLetterQueue),
    });
    deadLetterQueue.allowEncryptedDeliveriesBy(new iam.ServicePrincipal('events.amazonaws.com'));
    acknowledgeNoDeadLetterQueue(
      deadLetterQueue,
      'This queue is the dead-letter queue of the rule target and the on-failure destination of the function (neither is ' +
        'an SQS redrive policy, so cdk-nag does not see it as a DLQ); only operators read it, so a DLQ behind it would never ' +
        'receive anything. Its depth is alarmed instead.',
    );
    this.redeliveryWindow = sumDurations(retries.maxEventAge, asyncMaxEventAge, handler.timeout);
  }
}
