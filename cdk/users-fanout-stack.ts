import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../events/user-created';
import { AppConfig, PRODUCTION_STAGE } from './config';
import { AuditLogTable } from './constructs/audit-log-table';
import { OperatorAlerts } from './constructs/operator-alerts';
import { RejectedUsersPipe } from './constructs/rejected-users-pipe';
import { OperatorQueue } from './constructs/secure-queue';
import { UserCreatedPipe } from './constructs/user-created-pipe';
import { UserEventsBus } from './constructs/user-events-bus';
import { UsersTable } from './constructs/users-table';
import { subscribers as registeredSubscribers } from './subscribers';
import { Subscriber } from './subscription/subscriber';
import { SubscriberEntry } from './subscription/subscriber-entry';

export interface UsersFanoutStackProps extends StackProps {
  readonly config: AppConfig;
  /**
   * The bus subscribers to build.
   * @default the registry in `cdk/subscribers.ts`
   */
  readonly subscribers?: readonly SubscriberEntry[];
}

/**
 * Users table -> stream -> pipes -> bus -> subscribers. Valid new users become `UserCreated` events on the bus;
 * invalid ones are kept in the rejected-users queue; every delivery path ends in an alarmed dead-letter queue.
 */
export class UsersFanoutStack extends Stack {
  readonly usersTable: UsersTable;
  readonly bus: UserEventsBus;
  readonly userCreatedPipe: UserCreatedPipe;
  readonly rejectedUsersPipe: RejectedUsersPipe;
  readonly subscribers: readonly Subscriber[];
  readonly alerts: OperatorAlerts;

  constructor(scope: Construct, id: string, props: UsersFanoutStackProps) {
    super(scope, id, props);
    const { stage, senderEmail, alarmEmail } = props.config;
    // Data outlives a production stack; anywhere else a stack is disposable.
    const removalPolicy = stage === PRODUCTION_STAGE ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.usersTable = new UsersTable(this, 'UsersTable', { stage, removalPolicy });
    this.bus = new UserEventsBus(this, 'UserEventsBus', { stage, archivedSources: [USER_CREATED_SOURCE] });
    const auditTable = new AuditLogTable(this, 'AuditLogTable', { stage, removalPolicy });
    this.alerts = new OperatorAlerts(this, 'OperatorAlerts', { stage, alarmEmail });

    this.userCreatedPipe = new UserCreatedPipe(this, 'UserCreatedPipe', {
      stage,
      usersTable: this.usersTable,
      bus: this.bus,
      eventSource: USER_CREATED_SOURCE,
      detailType: USER_CREATED_DETAIL_TYPE,
      removalPolicy,
    });
    // Read by operators like a dead-letter queue, so it is built as one.
    const rejectedUsersQueue = new OperatorQueue(this, 'RejectedUsersQueue', {
      queueName: `users-fanout-${stage}-rejected-users`,
      removalPolicy,
    });
    this.rejectedUsersPipe = new RejectedUsersPipe(this, 'RejectedUsersPipe', {
      stage,
      usersTable: this.usersTable,
      rejectedUsersQueue,
      removalPolicy,
    });
    for (const [name, pipe] of [['UserCreatedPipe', this.userCreatedPipe], ['RejectedUsersPipe', this.rejectedUsersPipe]] as const) {
      this.alerts.alarmOnPipeFailures(`${name}Failures`, pipe.pipe);
      this.alerts.alarmOnDeadLetters(`${name}DeadLetters`, pipe.deadLetterQueue, 'A failed stream batch');
      this.outputQueue(`${name}Dlq`, pipe.deadLetterQueue);
    }
    this.alerts.alarmOnDeadLetters('RejectedUsers', rejectedUsersQueue, 'A rejected user record');
    this.outputQueue('RejectedUsersQueue', rejectedUsersQueue);

    const shared = { stage, senderEmail, auditTable };
    const entries = props.subscribers ?? registeredSubscribers;
    const duplicate = entries.find((entry, index) => entries.findIndex((other) => other.name === entry.name) !== index);
    if (duplicate !== undefined) throw new Error(`Subscriber "${duplicate.name}" is registered twice; names must be unique`);
    this.subscribers = entries.map((entry) => {
      const subscriber = new Subscriber(this, pascalCase(entry.name), {
        entry,
        bus: this.bus,
        shared,
        upstreamRedeliveryWindow: this.userCreatedPipe.maximumRecordAge,
        removalPolicy,
      });
      this.alerts.alarmOnDeadLetters(`${subscriber.node.id}DeadLetters`, subscriber.deadLetterQueue, `A failed ${entry.name} event`);
      this.outputQueue(`${subscriber.node.id}Dlq`, subscriber.deadLetterQueue);
      if (subscriber.queue !== undefined) this.outputQueue(`${subscriber.node.id}Queue`, subscriber.queue);
      return subscriber;
    });

    new CfnOutput(this, 'UsersTableName', { value: this.usersTable.tableName });
    new CfnOutput(this, 'AuditLogTableName', { value: auditTable.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: this.bus.eventBusArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.topic.topicArn });
  }

  private outputQueue(id: string, queue: sqs.IQueue): void {
    new CfnOutput(this, `${id}Name`, { value: queue.queueName });
    new CfnOutput(this, `${id}Url`, { value: queue.queueUrl });
  }
}

function pascalCase(kebab: string): string {
  return kebab
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}
