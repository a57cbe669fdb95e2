import { Match } from 'aws-cdk-lib/assertions';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../../events/user-created';
import { Subscriber } from '../../cdk/subscription/subscriber';
import { arnOf, logicalIdOf, resourcesOfType, statementsOfRole, synthBuiltInApp, SynthesizedApp } from './synth-app';

let app: SynthesizedApp;
let welcomeEmail: Subscriber;
let auditLog: Subscriber;

beforeAll(() => {
  ({ app, welcomeEmail, auditLog } = synthBuiltInApp());
});
afterAll(() => app.cleanup());

const userCreatedPattern = { source: [USER_CREATED_SOURCE], 'detail-type': [USER_CREATED_DETAIL_TYPE] };

function ruleOf(subscriber: Subscriber): Record<string, unknown> {
  return resourcesOfType(app, 'AWS::Events::Rule')[logicalIdOf(app, subscriber.rule)]!;
}

function environmentOf(subscriber: Subscriber): Record<string, unknown> {
  const fn = resourcesOfType(app, 'AWS::Lambda::Function')[logicalIdOf(app, subscriber.handler!)]!;
  return (fn.Environment as { Variables: Record<string, unknown> }).Variables;
}

describe('welcome-email: queued delivery', () => {
  it('has a rule on the bus for UserCreated that feeds its queue, with bounded retries and the DLQ', () => {
    expect(ruleOf(welcomeEmail)).toMatchObject({
      Name: 'users-fanout-dev-welcome-email',
      EventBusName: { Ref: logicalIdOf(app, app.stack.bus) },
      EventPattern: userCreatedPattern,
      Targets: [
        {
          Arn: arnOf(app, welcomeEmail.queue!),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: arnOf(app, welcomeEmail.deadLetterQueue) },
        },
      ],
    });
  });

  it('has an encrypted queue that redrives to the DLQ and hides a message for six function timeouts', () => {
    const queue = resourcesOfType(app, 'AWS::SQS::Queue')[logicalIdOf(app, welcomeEmail.queue!)]!;
    const fn = resourcesOfType(app, 'AWS::Lambda::Function')[logicalIdOf(app, welcomeEmail.handler!)]!;
    expect(queue).toMatchObject({
      QueueName: 'users-fanout-dev-welcome-email',
      KmsMasterKeyId: arnOf(app, welcomeEmail.dataKey),
      RedrivePolicy: { deadLetterTargetArn: arnOf(app, welcomeEmail.deadLetterQueue), maxReceiveCount: 5 },
    });
    expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (fn.Timeout as number));
  });

  it('is consumed through an event source mapping with partial batch failures and a concurrency cap', () => {
    app.template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    app.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(app, welcomeEmail.queue!),
      FunctionName: { Ref: logicalIdOf(app, welcomeEmail.handler!) },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
      BatchSize: 10,
    });
  });

  it('is never invoked asynchronously, so it has no asynchronous settings to get wrong', () => {
    app.template.resourcePropertiesCountIs(
      'AWS::Lambda::EventInvokeConfig',
      { FunctionName: { Ref: logicalIdOf(app, welcomeEmail.handler!) } },
      0,
    );
  });

  it('has an encrypted DLQ that the rule may send to', () => {
    expect(resourcesOfType(app, 'AWS::SQS::Queue')[logicalIdOf(app, welcomeEmail.deadLetterQueue)]).toMatchObject({
      QueueName: 'users-fanout-dev-welcome-email-dlq',
      KmsMasterKeyId: arnOf(app, welcomeEmail.dataKey),
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    app.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalIdOf(app, welcomeEmail.deadLetterQueue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': arnOf(app, welcomeEmail.rule) } },
          }),
        ]),
      },
    });
  });

  it('may send email as the sender and use its own idempotency table, and nothing else', () => {
    const identityArn = (identity: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:identity/${identity}`]],
    });
    const handler = welcomeEmail.handler!;
    const idempotencyTable = welcomeEmail.node.findChild('IdempotencyTable');
    expect(statementsOfRole(app, handler.role!)).toEqual(
      expect.arrayContaining([
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [arnOf(app, handler.functionLogGroup)] },
        {
          actions: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
          resources: [arnOf(app, welcomeEmail.queue!)],
        },
        { actions: ['ses:SendEmail'], resources: [identityArn('example.com'), identityArn('welcome@example.com')] },
        {
          actions: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
          resources: [arnOf(app, idempotencyTable)],
        },
      ]),
    );
    expect(statementsOfRole(app, handler.role!)).toHaveLength(4);
    expect(resourcesOfType(app, 'AWS::IAM::Role')[logicalIdOf(app, handler.role!)]!.ManagedPolicyArns).toBeUndefined();
  });

  it('is configured with the sender, its idempotency table and the Powertools settings', () => {
    expect(environmentOf(welcomeEmail)).toMatchObject({
      SENDER_EMAIL: 'welcome@example.com',
      IDEMPOTENCY_TABLE_NAME: { Ref: logicalIdOf(app, welcomeEmail.node.findChild('IdempotencyTable')) },
      POWERTOOLS_SERVICE_NAME: 'welcome-email',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    });
    expect(resourcesOfType(app, 'AWS::DynamoDB::Table')[logicalIdOf(app, welcomeEmail.node.findChild('IdempotencyTable'))]).toMatchObject({
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('remembers each email longer than the same event can be redelivered', () => {
    const pipe = resourcesOfType(app, 'AWS::Pipes::Pipe')[logicalIdOf(app, app.stack.userCreatedPipe.pipe)]!;
    const pipeRecordAge = (pipe.SourceParameters as { DynamoDBStreamParameters: { MaximumRecordAgeInSeconds: number } })
      .DynamoDBStreamParameters.MaximumRecordAgeInSeconds;
    const ruleEventAge = (ruleOf(welcomeEmail).Targets as { RetryPolicy: { MaximumEventAgeInSeconds: number } }[])[0]!.RetryPolicy
      .MaximumEventAgeInSeconds;
    const queue = resourcesOfType(app, 'AWS::SQS::Queue')[logicalIdOf(app, welcomeEmail.queue!)]!;
    // The event may be republished while the stream record is young enough, delivered while the event is
    // young enough, then received until the message expires and handled for one more visibility timeout.
    const redeliveryWindow =
      pipeRecordAge + ruleEventAge + (queue.MessageRetentionPeriod as number) + (queue.VisibilityTimeout as number);
    const idempotencyTtl = Number(environmentOf(welcomeEmail).IDEMPOTENCY_TTL_SECONDS);
    expect(Number.isSafeInteger(idempotencyTtl)).toBe(true);
    expect(idempotencyTtl).toBeGreaterThan(redeliveryWindow);
  });
});

describe('audit-log: direct delivery', () => {
  it('has a rule on the bus for UserCreated that invokes the function, with bounded retries and the DLQ', () => {
    expect(ruleOf(auditLog)).toMatchObject({
      Name: 'users-fanout-dev-audit-log',
      EventBusName: { Ref: logicalIdOf(app, app.stack.bus) },
      EventPattern: userCreatedPattern,
      Targets: [
        {
          Arn: arnOf(app, auditLog.handler!),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: arnOf(app, auditLog.deadLetterQueue) },
        },
      ],
    });
    app.template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: arnOf(app, auditLog.handler!),
      Principal: 'events.amazonaws.com',
      SourceArn: arnOf(app, auditLog.rule),
    });
  });

  it('retries a failing invocation boundedly, then records it in the same DLQ', () => {
    app.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(app, auditLog.handler!) },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(app, auditLog.deadLetterQueue) } },
    });
  });

  it('may only write audit records and reach its DLQ', () => {
    const handler = auditLog.handler!;
    const auditTable = app.stack.node.findChild('AuditLogTable');
    expect(statementsOfRole(app, handler.role!)).toEqual(
      expect.arrayContaining([
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [arnOf(app, handler.functionLogGroup)] },
        { actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], resources: [arnOf(app, auditLog.deadLetterQueue)] },
        { actions: ['dynamodb:PutItem'], resources: [arnOf(app, auditTable)] },
      ]),
    );
    expect(statementsOfRole(app, handler.role!)).toHaveLength(3);
    expect(environmentOf(auditLog)).toMatchObject({ AUDIT_TABLE_NAME: { Ref: logicalIdOf(app, auditTable) } });
  });

  it('writes to an encrypted, recoverable audit table keyed by userId and eventId', () => {
    expect(resourcesOfType(app, 'AWS::DynamoDB::Table')[logicalIdOf(app, app.stack.node.findChild('AuditLogTable'))]).toMatchObject({
      TableName: 'users-fanout-dev-audit-log',
      KeySchema: [
        { AttributeName: 'userId', KeyType: 'HASH' },
        { AttributeName: 'eventId', KeyType: 'RANGE' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });
});

describe('every function', () => {
  it('runs Node.js 24 on arm64 with its own log group and no managed policies', () => {
    const functions = resourcesOfType(app, 'AWS::Lambda::Function');
    expect(Object.keys(functions)).toHaveLength(3);
    for (const fn of Object.values(functions)) {
      expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
      expect(fn.LoggingConfig).toEqual({ LogGroup: { Ref: expect.any(String) } });
    }
    for (const role of Object.values(resourcesOfType(app, 'AWS::IAM::Role'))) expect(role.ManagedPolicyArns).toBeUndefined();
  });
});
