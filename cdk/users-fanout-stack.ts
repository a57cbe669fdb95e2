import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../events/user-created';
import { AppConfig, PRODUCTION_STAGE } from './config';
import { AuditLogTable } from './constructs/audit-log-table';
import { EmailHmacKey, emailHmacAlias } from './constructs/email-hmac-key';
import { LogsKey } from './constructs/logs-key';
import { acknowledgeNoDeadLetterQueue } from './constructs/nag';
import { OperatorAlerts } from './constructs/operator-alerts';
import { OperatorRole } from './constructs/operator-role';
import { QueueKey } from './constructs/queue-key';
import { OperatorQueue } from './constructs/secure-queue';
import type { LogGroupSettings } from './constructs/service-function';
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
 * Users table -> stream -> one pipe -> bus -> subscribers. Valid new users become `UserCreated` events on the bus;
 * invalid ones are kept in the rejected-users queue by the pipe's enrichment; every delivery path ends in an alarmed dead-letter queue.
 * Only the user-created pipe (and the operators' redrive) may publish user events on the bus; queues and the
 * archive that hold personal data are encrypted with keys that name who may use them; records and log lines carry an
 * HMAC of each email, never the address.
 */
export class UsersFanoutStack extends Stack {
  readonly usersTable: UsersTable;
  readonly bus: UserEventsBus;
  readonly userCreatedPipe: UserCreatedPipe;
  readonly rejectedUsersQueue: OperatorQueue;
  readonly subscribers: readonly Subscriber[];
  readonly alerts: OperatorAlerts;
  readonly emailHmacKey: EmailHmacKey;
  readonly logsKey: LogsKey;
  readonly operatorRole: OperatorRole;

  constructor(scope: Construct, id: string, props: UsersFanoutStackProps) {
    super(scope, id, props);
    const { stage, senderEmail, alarmEmail, testEventSenders, sesMaxSendRate } = props.config;
    // Data, logs and keys outlive a production stack; anywhere else a stack is disposable.
    const removalPolicy = stage === PRODUCTION_STAGE ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.logsKey = new LogsKey(this, 'LogsKey', { stage, removalPolicy });
    const logs: LogGroupSettings = { encryptionKey: this.logsKey, removalPolicy };

    this.usersTable = new UsersTable(this, 'UsersTable', { stage, removalPolicy });
    this.bus = new UserEventsBus(this, 'UserEventsBus', { stage, archivedSources: [USER_CREATED_SOURCE], removalPolicy });
    const auditTable = new AuditLogTable(this, 'AuditLogTable', { stage, removalPolicy });
    this.emailHmacKey = new EmailHmacKey(this, 'EmailHmacKey', { stage, removalPolicy });
    this.alerts = new OperatorAlerts(this, 'OperatorAlerts', { stage, alarmEmail, removalPolicy });
    this.operatorRole = new OperatorRole(this, 'OperatorRole', { stage });

    // Read by operators like a dead-letter queue, so it is built as one. It keeps a rejected record's keys and the
    // reason, not its image, but its keys are personal data too: the queue has its own key.
    this.rejectedUsersQueue = new OperatorQueue(this, 'RejectedUsersQueue', {
      queueName: `users-fanout-${stage}-rejected-users`,
      removalPolicy,
      dataKey: new QueueKey(this, 'RejectedUsersKey', { purpose: `the rejected user records of users-fanout-${stage}`, removalPolicy }),
    });
    acknowledgeNoDeadLetterQueue(
      this.rejectedUsersQueue,
      'The user-created pipe\'s enrichment parks rejected user records in this queue, which operators only read (npm run dlq), ' +
        'never received automatically, so no receive count could ever move a message on to a DLQ. Its depth is alarmed instead.',
    );
    this.userCreatedPipe = new UserCreatedPipe(this, 'UserCreatedPipe', {
      stage,
      usersTable: this.usersTable,
      bus: this.bus,
      eventSource: USER_CREATED_SOURCE,
      detailType: USER_CREATED_DETAIL_TYPE,
      rejectedUsersQueue: this.rejectedUsersQueue,
      removalPolicy,
      logs,
    });
    this.alerts.alarmOnPipeFailures('UserCreatedPipeFailures', this.userCreatedPipe.pipe);
    this.alerts.alarmOnDeadLetters('UserCreatedPipeDeadLetters', this.userCreatedPipe.deadLetterQueue, 'A failed stream batch');
    this.outputQueue('UserCreatedPipeDlq', this.userCreatedPipe.deadLetterQueue);
    this.alerts.alarmOnDeadLetters('RejectedUsers', this.rejectedUsersQueue, 'A rejected user record');
    this.outputQueue('RejectedUsersQueue', this.rejectedUsersQueue);

    const entries = props.subscribers ?? registeredSubscribers;
    // SES's sending rate is the account's in a Region: every function that sends email gets an equal share of it.
    const emailSenders = entries.filter((entry) => entry.needs?.includes('sendEmail')).length;
    const sesSendRateShare = sesMaxSendRate / Math.max(1, emailSenders);
    const shared = { stage, senderEmail, sesSendRateShare, auditTable, emailHmacKey: this.emailHmacKey, operatorRole: this.operatorRole, logs };
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

    // Everyone else is refused: a forged UserCreated would make the system mail any address.
    this.bus.restrictPublishers(USER_CREATED_SOURCE, [this.userCreatedPipe.pipe.pipeRole.roleArn, this.operatorRole.roleArn, ...testEventSenders]);
    this.grantOperatorTools();

    new CfnOutput(this, 'UsersTableName', { value: this.usersTable.tableName });
    new CfnOutput(this, 'AuditLogTableName', { value: auditTable.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'EventBusArn', { value: this.bus.eventBusArn });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.topic.topicArn });
    new CfnOutput(this, 'OperatorRoleArn', { value: this.operatorRole.roleArn });
    new CfnOutput(this, 'EmailHmacKeyAlias', { value: emailHmacAlias(stage) });
  }

  /**
   * Exactly what `npm run dlq` calls outside the subscribers (each grants its own): read the pipe's dead-letter
   * queue and the rejected-users queue, read the stream back and a rejected user's item, replay records through the
   * pipe's enrichment onto the bus; plus pseudonyms of addresses, to find a person's audit records. The
   * rejected-users queue's key names the role through its grant.
   */
  private grantOperatorTools(): void {
    const role = this.operatorRole;
    this.userCreatedPipe.deadLetterQueue.grantConsumeMessages(role);
    this.userCreatedPipe.enrichmentFunction.grantInvokeLatestVersion(role);
    this.rejectedUsersQueue.grantConsumeMessages(role);
    // Redriving a rejected-users pipe batch runs it through reject-user again, whose rejects the operator sends here.
    this.rejectedUsersQueue.grantSendMessages(role);
    // The three reads of a batch the DLQ names by its stream and shard (`npm run dlq` lists no streams), not
    // Table.grantStreamRead, whose dynamodb:ListStreams on * no operator call needs.
    iam.Grant.addToPrincipal({
      grantee: role,
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'],
      resourceArns: [this.usersTable.tableStreamArn as string],
    });
    this.usersTable.grants.actions(role, 'dynamodb:GetItem');
    this.bus.grantPutEventsTo(role);
    this.emailHmacKey.allowMacGeneration(role);
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
