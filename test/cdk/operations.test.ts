import { Match } from 'aws-cdk-lib/assertions';
import { arnOf, logicalIdOf, resourcesOfType, synthApp, synthesizedDevApp, SynthesizedApp } from './synth-app';

let app: SynthesizedApp;

beforeAll(() => {
  app = synthApp({ context: { alarmEmail: 'oncall@example.com' } });
});
afterAll(() => app.cleanup());

function deadLetterQueueIds(): string[] {
  const { stack } = app;
  return [
    stack.userCreatedPipe.deadLetterQueue,
    stack.node.findChild('RejectedUsersQueue'),
    ...stack.subscribers.map((subscriber) => subscriber.deadLetterQueue),
  ].map((queue) => logicalIdOf(app, queue));
}

describe('operator alerts', () => {
  it('publish to an encrypted, TLS-only topic with the configured email subscribed', () => {
    const topicId = logicalIdOf(app, app.stack.alerts.topic);
    app.template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'users-fanout-dev-alarms',
      KmsMasterKeyId: arnOf(app, app.stack.alerts.node.findChild('TopicKey')),
    });
    app.template.hasResourceProperties('AWS::SNS::Subscription', {
      TopicArn: { Ref: topicId },
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
    });
    app.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('use a rotated key that CloudWatch may use to publish alarms', () => {
    const key = resourcesOfType(app, 'AWS::KMS::Key')[logicalIdOf(app, app.stack.alerts.node.findChild('TopicKey'))]!;
    expect(key.EnableKeyRotation).toBe(true);
    expect((key.KeyPolicy as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Principal: { Service: 'cloudwatch.amazonaws.com' },
      }),
    );
  });

  it('alarm as soon as one message waits in any dead-letter queue', () => {
    const alarms = Object.values(resourcesOfType(app, 'AWS::CloudWatch::Alarm'));
    const topicRef = { Ref: logicalIdOf(app, app.stack.alerts.topic) };
    for (const queueId of deadLetterQueueIds()) {
      const alarm = alarms.find(
        (candidate) =>
          candidate.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(candidate.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]),
      );
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SQS',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [topicRef],
      });
    }
  });

  it('alarm on any failed execution of the user-created pipe', () => {
    app.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/EventBridge/Pipes',
      MetricName: 'ExecutionFailed',
      Dimensions: [{ Name: 'PipeName', Value: { Ref: logicalIdOf(app, app.stack.userCreatedPipe.pipe) } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalIdOf(app, app.stack.alerts.topic) }],
    });
  });

  it('subscribe no one when no alarm email is configured', () => {
    // cdk.json sets no alarmEmail: the shared synthesis is the app without one.
    const withoutEmail = synthesizedDevApp();
    withoutEmail.template.resourceCountIs('AWS::SNS::Subscription', 0);
    withoutEmail.template.resourceCountIs('AWS::SNS::Topic', 1);
  });
});

describe('stack outputs', () => {
  it('name the users table, the audit table, the bus and the alarm topic', () => {
    expect(app.json.Outputs).toMatchObject({
      UsersTableName: { Value: { Ref: logicalIdOf(app, app.stack.usersTable) } },
      AuditLogTableName: { Value: { Ref: logicalIdOf(app, app.stack.node.findChild('AuditLogTable')) } },
      EventBusName: { Value: { Ref: logicalIdOf(app, app.stack.bus) } },
      EventBusArn: { Value: arnOf(app, app.stack.bus) },
      AlarmTopicArn: { Value: { Ref: logicalIdOf(app, app.stack.alerts.topic) } },
    });
  });

  it('give the name and URL of every dead-letter queue, the rejected-users queue and each subscriber queue', () => {
    const outputs = app.json.Outputs;
    const named = (id: string) => ({
      name: outputs[`${id}Name`]?.Value,
      url: outputs[`${id}Url`]?.Value,
    });
    const queue = (construct: Parameters<typeof logicalIdOf>[1]) => {
      const id = logicalIdOf(app, construct);
      return { name: { 'Fn::GetAtt': [id, 'QueueName'] }, url: { Ref: id } };
    };
    const { stack } = app;
    expect(named('UserCreatedPipeDlq')).toEqual(queue(stack.userCreatedPipe.deadLetterQueue));
    expect(named('RejectedUsersQueue')).toEqual(queue(stack.node.findChild('RejectedUsersQueue')));
    expect(named('WelcomeEmailDlq')).toEqual(queue(stack.subscribers[0]!.deadLetterQueue));
    expect(named('WelcomeEmailQueue')).toEqual(queue(stack.subscribers[0]!.queue!));
    expect(named('AuditLogDlq')).toEqual(queue(stack.subscribers[1]!.deadLetterQueue));
  });
});
