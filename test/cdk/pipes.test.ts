import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../../events/user-created';
import { arnOf, logicalIdOf, resourcesOfType, statementsOfRole, synthesizedDevApp, SynthesizedApp } from './synth-app';

let app: SynthesizedApp;

beforeAll(() => {
  app = synthesizedDevApp();
});

describe('Users table', () => {
  it('is keyed by userId, streams both images, and is encrypted with point-in-time recovery', () => {
    app.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'users-fanout-dev-users',
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
    });
  });

  it('is destroyed with a non-production stack', () => {
    expect(app.json.Resources[logicalIdOf(app, app.stack.usersTable)]!.DeletionPolicy).toBe('Delete');
  });
});

describe('Event bus', () => {
  it('is the custom bus users-fanout-<stage> with an archive of the UserCreated source', () => {
    app.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'users-fanout-dev' });
    app.template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [logicalIdOf(app, app.stack.bus), 'Arn'] },
      EventPattern: { source: [USER_CREATED_SOURCE] },
      RetentionDays: 30,
    });
  });
});

describe('UserCreated pipe', () => {
  let pipe: Record<string, unknown>;
  let pipeLogicalId: string;

  beforeAll(() => {
    pipeLogicalId = logicalIdOf(app, app.stack.userCreatedPipe.pipe);
    pipe = resourcesOfType(app, 'AWS::Pipes::Pipe')[pipeLogicalId]!;
  });

  it('reads the users stream from the oldest record, in bounded, bisected batches of at most 10', () => {
    expect(pipe).toMatchObject({
      Name: 'users-fanout-dev-user-created',
      Source: { 'Fn::GetAtt': [logicalIdOf(app, app.stack.usersTable), 'StreamArn'] },
      SourceParameters: {
        DynamoDBStreamParameters: {
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 10,
          MaximumBatchingWindowInSeconds: 0,
          MaximumRetryAttempts: 5,
          MaximumRecordAgeInSeconds: 3600,
          OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(app, app.stack.userCreatedPipe.deadLetterQueue), 'Arn'] } },
        },
      },
    });
  });

  it('keeps INSERT records only', () => {
    const filters = (pipe.SourceParameters as { FilterCriteria: { Filters: { Pattern: string }[] } }).FilterCriteria.Filters;
    expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual([{ eventName: ['INSERT'] }]);
  });

  it('enriches through the enrich-user function', () => {
    expect(pipe.Enrichment).toEqual({ 'Fn::GetAtt': [logicalIdOf(app, app.stack.userCreatedPipe.enrichmentFunction), 'Arn'] });
    app.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'enrich-user' }) },
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('publishes to the custom bus with the contract source and detail-type', () => {
    expect(pipe.Target).toEqual({ 'Fn::GetAtt': [logicalIdOf(app, app.stack.bus), 'Arn'] });
    expect(pipe.TargetParameters).toEqual({
      EventBridgeEventBusParameters: { Source: USER_CREATED_SOURCE, DetailType: USER_CREATED_DETAIL_TYPE },
    });
  });

  it('logs errors to its own log group', () => {
    expect(pipe.LogConfiguration).toEqual({
      Level: 'ERROR',
      CloudwatchLogsLogDestination: { LogGroupArn: { 'Fn::GetAtt': [logicalIdOf(app, app.stack.userCreatedPipe.logGroup), 'Arn'] } },
    });
  });

  it('has an encrypted dead-letter queue', () => {
    app.template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'users-fanout-dev-user-created-dlq',
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('is created only after its role policy, which lets it send to the dead-letter queue and invoke the enrichment', () => {
    const dependsOn = app.json.Resources[pipeLogicalId]!.DependsOn ?? [];
    const policies = Object.entries(resourcesOfType(app, 'AWS::IAM::Policy')).filter(([id]) => dependsOn.includes(id));
    expect(policies).toHaveLength(1);
    const statements = (policies[0]![1].PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
    const dlqArn = { 'Fn::GetAtt': [logicalIdOf(app, app.stack.userCreatedPipe.deadLetterQueue), 'Arn'] };
    expect(statements).toContainEqual(expect.objectContaining({ Action: expect.arrayContaining(['sqs:SendMessage']), Resource: dlqArn }));
    const enrichmentArn = { 'Fn::GetAtt': [logicalIdOf(app, app.stack.userCreatedPipe.enrichmentFunction), 'Arn'] };
    const invoke = statements.find((statement) => statement.Action === 'lambda:InvokeFunction');
    expect(invoke?.Resource).toContainEqual(enrichmentArn);
  });
});

describe('UserCreated pipe role', () => {
  it('may be assumed by Pipes for this very pipe only', () => {
    const role = resourcesOfType(app, 'AWS::IAM::Role')[logicalIdOf(app, app.stack.userCreatedPipe.pipe.pipeRole)]!;
    expect(role.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'pipes.amazonaws.com' },
          Condition: {
            StringEquals: {
              'aws:SourceAccount': { Ref: 'AWS::AccountId' },
              'aws:SourceArn': {
                'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':pipes:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':pipe/users-fanout-dev-user-created']],
              },
            },
          },
        },
      ],
    });
  });
});

describe('the users stream', () => {
  it('has one reader, the user-created pipe, which leaves a reader slot of each shard for another consumer', () => {
    const usersStream = { 'Fn::GetAtt': [logicalIdOf(app, app.stack.usersTable), 'StreamArn'] };
    const readers = [
      ...Object.values(resourcesOfType(app, 'AWS::Pipes::Pipe')).map((pipe) => pipe.Source),
      ...Object.values(resourcesOfType(app, 'AWS::Lambda::EventSourceMapping')).map((mapping) => mapping.EventSourceArn),
    ].filter((source) => JSON.stringify(source) === JSON.stringify(usersStream));
    expect(readers).toHaveLength(1);
  });
});

describe('enrich-user, the enrichment of the user-created pipe', () => {
  it('is told the rejected-users queue, encrypted with its own key', () => {
    const fnId = logicalIdOf(app, app.stack.userCreatedPipe.enrichmentFunction);
    const queueId = logicalIdOf(app, app.stack.rejectedUsersQueue);
    expect(resourcesOfType(app, 'AWS::Lambda::Function')[fnId]!.Environment).toMatchObject({
      Variables: { REJECTED_USERS_QUEUE_URL: { Ref: queueId } },
    });
    expect(resourcesOfType(app, 'AWS::SQS::Queue')[queueId]).toMatchObject({
      QueueName: 'users-fanout-dev-rejected-users',
      KmsMasterKeyId: arnOf(app, app.stack.node.findChild('RejectedUsersKey')),
    });
  });

  it('may send to the rejected-users queue and write its logs, and nothing more', () => {
    const fn = app.stack.userCreatedPipe.enrichmentFunction;
    expect(statementsOfRole(app, fn.role!)).toEqual(
      expect.arrayContaining([
        { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [arnOf(app, fn.functionLogGroup)] },
        { actions: ['sqs:SendMessage'], resources: [arnOf(app, app.stack.rejectedUsersQueue)] },
      ]),
    );
    expect(statementsOfRole(app, fn.role!)).toHaveLength(2);
    expect(resourcesOfType(app, 'AWS::IAM::Role')[logicalIdOf(app, fn.role!)]!.ManagedPolicyArns).toBeUndefined();
  });

  it('bundles the SQS client it parks rejected records with, and no other AWS client', () => {
    const fnId = logicalIdOf(app, app.stack.userCreatedPipe.enrichmentFunction);
    const assetDir = app.json.Resources[fnId]!.Metadata!['aws:asset:path'] as string;
    const bundle = readFileSync(path.join(app.assemblyDir, assetDir, 'index.js'), 'utf8');
    // Each client carries its service's protocol name: SQS's JSON target prefix, and those of the stack's other services.
    expect(bundle).toContain('AmazonSQS');
    for (const otherService of ['DynamoDB_20120810', 'AWSEvents', 'TrentService', 'AWSLambda', 'SimpleEmailService']) {
      expect(bundle).not.toContain(otherService);
    }
  });

  it('the client check would see another client: the audit-log bundle, which writes to DynamoDB, contains one', () => {
    const auditLog = app.stack.subscribers.find((subscriber) => subscriber.entry.name === 'audit-log')!;
    const assetDir = app.json.Resources[logicalIdOf(app, auditLog.handler!)]!.Metadata!['aws:asset:path'] as string;
    expect(readFileSync(path.join(app.assemblyDir, assetDir, 'index.js'), 'utf8')).toContain('DynamoDB_20120810');
  });
});
