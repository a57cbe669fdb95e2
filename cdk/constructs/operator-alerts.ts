import { IPipe } from '@aws-cdk/aws-pipes-alpha';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperatorAlertsProps {
  readonly stage: string;
  /** @default - no subscription; operators subscribe to the topic themselves */
  readonly alarmEmail?: string;
  /**
   * RETAIN keeps the topic's key when the stack is deleted (prod).
   * @default RemovalPolicy.DESTROY
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The operators' alarm topic (encrypted, TLS only) and the alarms that feed it: anything landing in a
 * dead-letter queue, and any pipe execution that fails.
 */
export class OperatorAlerts extends Construct {
  readonly topic: sns.Topic;
  private readonly alarmAction: actions.SnsAction;
  /** Every alarm's name starts with it, so the topic key can name the stack's alarms before they exist. */
  private readonly alarmNamePrefix: string;

  constructor(scope: Construct, id: string, props: OperatorAlertsProps) {
    super(scope, id);
    this.alarmNamePrefix = `users-fanout-${props.stage}-`;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.DESTROY;
    // A customer managed key, because the AWS managed SNS key does not let CloudWatch publish alarms.
    const key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the users-fanout-${props.stage} operator alarm topic`,
      enableKeyRotation: true,
      removalPolicy,
      pendingWindow: Duration.days(removalPolicy === RemovalPolicy.RETAIN ? 30 : 7),
    });
    // Only this account's alarms of this stack, so no other alarm can make CloudWatch encrypt for this topic.
    const stack = Stack.of(this);
    const stackAlarms = stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: `${this.alarmNamePrefix}*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account }, ArnLike: { 'aws:SourceArn': stackAlarms } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: `users-fanout-${props.stage}-alarms`,
      displayName: `users-fanout ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    this.alarmAction = new actions.SnsAction(this.topic);
  }

  /** Alarms as soon as one message is waiting in the queue: every message there is work nobody did. */
  alarmOnDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.notify(
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: cloudwatch.Stats.MAXIMUM }).createAlarm(this, id, {
        alarmName: this.alarmName(id),
        alarmDescription: `${what} waiting in ${queue.queueName}; inspect and redrive it`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Alarms on any failed pipe execution; failures are retried, so this is an early warning before the DLQ. */
  alarmOnPipeFailures(id: string, pipe: IPipe): cloudwatch.Alarm {
    const failures = new cloudwatch.Metric({
      namespace: 'AWS/EventBridge/Pipes',
      metricName: 'ExecutionFailed',
      dimensionsMap: { PipeName: pipe.pipeName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
    return this.notify(
      failures.createAlarm(this, id, {
        alarmName: this.alarmName(id),
        alarmDescription: `Executions of pipe ${pipe.pipeName} are failing; see its log group`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** `users-fanout-<stage>-` and the alarm's id in kebab case, for example `users-fanout-dev-rejected-users`. */
  private alarmName(id: string): string {
    return this.alarmNamePrefix + id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  }

  private notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    alarm.addAlarmAction(this.alarmAction);
    return alarm;
  }
}
