import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../cdk/build-app';
import { subscribers as registry } from '../../cdk/subscribers';
import { Subscriber } from '../../cdk/subscription/subscriber';
import { SubscriberEntry } from '../../cdk/subscription/subscriber-entry';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../../events/user-created';
import { arnOf, logicalIdOf, resourcesOfType, statementsOfRole, synthApp, SynthesizedApp } from './synth-app';

const userCreated = { source: [USER_CREATED_SOURCE], 'detail-type': [USER_CREATED_DETAIL_TYPE] };
const ANALYTICS_READER = 'arn:aws:iam::123456789012:role/analytics-reader';

// One more entry of each delivery kind; the function kinds reuse existing services' handlers.
const extraEntries: SubscriberEntry[] = [
  {
    name: 'crm-sync',
    description: 'Copies new users at example.org to the CRM',
    eventPattern: { ...userCreated, detail: { data: { email: [{ suffix: '@example.org' }] } } },
    delivery: { kind: 'direct', asyncRetryAttempts: 1, asyncMaxEventAge: Duration.minutes(30) },
    service: 'audit-log',
  },
  {
    name: 'newsletter',
    description: 'Subscribes new users interested in chess to the newsletter',
    eventPattern: { ...userCreated, detail: { data: { interests: ['chess'] } } },
    delivery: { kind: 'queued', maxConcurrency: 5, timeout: Duration.seconds(20), retentionPeriod: Duration.days(2) },
    service: 'welcome-email',
    needs: ['idempotencyTable'],
  },
  {
    name: 'analytics-feed',
    description: 'Feeds the analytics team with every new user',
    eventPattern: { ...userCreated, detail: { data: { userId: [{ 'anything-but': { prefix: 'test-' } }] } } },
    delivery: { kind: 'queue-only', maxReceiveCount: 3, consumers: [ANALYTICS_READER] },
  },
];

// The two built-in entries, not the live registry: npm run new-subscriber may have added one named like an extra.
const builtInEntries = registry.filter((entry) => ['welcome-email', 'audit-log'].includes(entry.name));

let baseline: SynthesizedApp;
let extended: SynthesizedApp;

beforeAll(() => {
  baseline = synthApp({ subscribers: builtInEntries });
  extended = synthApp({ subscribers: [...builtInEntries, ...extraEntries] });
});
afterAll(() => {
  baseline.cleanup();
  extended.cleanup();
});

function subscriber(name: string): Subscriber {
  return extended.stack.subscribers.find((candidate) => candidate.entry.name === name)!;
}

function rule(of: Subscriber): Record<string, unknown> {
  return resourcesOfType(extended, 'AWS::Events::Rule')[logicalIdOf(extended, of.rule)]!;
}

describe('a new registry entry', () => {
  it('leaves every existing resource and output exactly as it was', () => {
    for (const [logicalId, resource] of Object.entries(baseline.json.Resources)) {
      expect({ logicalId, resource: extended.json.Resources[logicalId] }).toEqual({ logicalId, resource });
    }
    expect(extended.json.Outputs).toMatchObject(baseline.json.Outputs);
  });

  it('adds only its own resources, each under its subscriber', () => {
    const added = Object.keys(extended.json.Resources).filter((logicalId) => !(logicalId in baseline.json.Resources));
    expect(added.length).toBeGreaterThan(0);
    for (const logicalId of added) {
      const path = extended.json.Resources[logicalId]!.Metadata?.['aws:cdk:path'] as string | undefined;
      const inSubscriber = ['CrmSync', 'Newsletter', 'AnalyticsFeed'].some((id) => path?.startsWith(`UsersFanout-dev/${id}`));
      const isItsAlarm = /^OperatorAlerts(CrmSync|Newsletter|AnalyticsFeed)DeadLetters/.test(logicalId);
      expect({ logicalId, path, belongs: inSubscriber || isItsAlarm }).toEqual({ logicalId, path, belongs: true });
    }
  });
});

describe('direct entry', () => {
  it('routes its narrowed pattern straight to its function, with rule retries and the DLQ', () => {
    const crm = subscriber('crm-sync');
    expect(rule(crm)).toMatchObject({
      Name: 'users-fanout-dev-crm-sync',
      EventPattern: { ...userCreated, detail: { data: { email: [{ suffix: '@example.org' }] } } },
      Targets: [
        {
          Arn: arnOf(extended, crm.handler!),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: arnOf(extended, crm.deadLetterQueue) },
        },
      ],
    });
    extended.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: logicalIdOf(extended, crm.handler!) },
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 1800,
      DestinationConfig: { OnFailure: { Destination: arnOf(extended, crm.deadLetterQueue) } },
    });
  });

  it('gets no permission it did not declare', () => {
    const crm = subscriber('crm-sync');
    expect(statementsOfRole(extended, crm.handler!.role!)).toEqual([
      { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [arnOf(extended, crm.handler!.functionLogGroup)] },
      { actions: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], resources: [arnOf(extended, crm.deadLetterQueue)] },
    ]);
  });
});

describe('queued entry', () => {
  it('feeds its own queue, consumed with partial batch failures at its concurrency', () => {
    const newsletter = subscriber('newsletter');
    expect(rule(newsletter)).toMatchObject({
      EventPattern: { ...userCreated, detail: { data: { interests: ['chess'] } } },
      Targets: [{ Arn: arnOf(extended, newsletter.queue!), DeadLetterConfig: { Arn: arnOf(extended, newsletter.deadLetterQueue) } }],
    });
    expect(resourcesOfType(extended, 'AWS::SQS::Queue')[logicalIdOf(extended, newsletter.queue!)]).toMatchObject({
      QueueName: 'users-fanout-dev-newsletter',
      KmsMasterKeyId: arnOf(extended, newsletter.dataKey),
      MessageRetentionPeriod: 2 * 24 * 3600,
      VisibilityTimeout: 120,
      RedrivePolicy: { deadLetterTargetArn: arnOf(extended, newsletter.deadLetterQueue), maxReceiveCount: 5 },
    });
    extended.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: arnOf(extended, newsletter.queue!),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('gets its own idempotency table, remembered for longer than its own redelivery window', () => {
    const newsletter = subscriber('newsletter');
    const fn = resourcesOfType(extended, 'AWS::Lambda::Function')[logicalIdOf(extended, newsletter.handler!)]!;
    const variables = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.IDEMPOTENCY_TABLE_NAME).toEqual({ Ref: logicalIdOf(extended, newsletter.node.findChild('IdempotencyTable')) });
    expect(variables.SENDER_EMAIL).toBeUndefined();
    // Pipe record age 1 h + rule event age 2 h + retention 2 days + visibility 120 s: 51 h 2 min.
    expect(Number(variables.IDEMPOTENCY_TTL_SECONDS)).toBe(52 * 3600);
  });
});

describe('queue-only entry', () => {
  it('feeds an encrypted queue with a redrive DLQ, and runs no function', () => {
    const feed = subscriber('analytics-feed');
    expect(feed.handler).toBeUndefined();
    expect(rule(feed)).toMatchObject({
      EventPattern: { ...userCreated, detail: { data: { userId: [{ 'anything-but': { prefix: 'test-' } }] } } },
      Targets: [
        {
          Arn: arnOf(extended, feed.queue!),
          RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: arnOf(extended, feed.deadLetterQueue) },
        },
      ],
    });
    expect(resourcesOfType(extended, 'AWS::SQS::Queue')[logicalIdOf(extended, feed.queue!)]).toMatchObject({
      QueueName: 'users-fanout-dev-analytics-feed',
      KmsMasterKeyId: arnOf(extended, feed.dataKey),
      RedrivePolicy: { deadLetterTargetArn: arnOf(extended, feed.deadLetterQueue), maxReceiveCount: 3 },
    });
    const functionsAdded = Object.keys(resourcesOfType(extended, 'AWS::Lambda::Function')).length;
    expect(functionsAdded).toBe(Object.keys(resourcesOfType(baseline, 'AWS::Lambda::Function')).length + 2);
  });

  it('lets the consumers it names receive from the queue and decrypt its messages, through SQS only', () => {
    const feed = subscriber('analytics-feed');
    extended.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalIdOf(extended, feed.queue!) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { AWS: ANALYTICS_READER }, Action: Match.arrayWith(['sqs:DeleteMessage', 'sqs:ReceiveMessage']) }),
        ]),
      },
    });
    const key = resourcesOfType(extended, 'AWS::KMS::Key')[logicalIdOf(extended, feed.dataKey)]!;
    const statements = (key.KeyPolicy as { Statement: Array<{ Principal: { AWS?: unknown }; Action: unknown; Condition?: unknown }> }).Statement;
    expect(statements.filter((statement) => JSON.stringify(statement.Principal.AWS ?? '').includes(ANALYTICS_READER))).toEqual([
      expect.objectContaining({ Action: 'kms:Decrypt', Condition: { StringEquals: { 'kms:ViaService': expect.anything() } } }),
    ]);
  });

  it('publishes the queue and its DLQ as outputs, with a depth alarm on the DLQ', () => {
    const feed = subscriber('analytics-feed');
    expect(extended.json.Outputs.AnalyticsFeedQueueUrl?.Value).toEqual({ Ref: logicalIdOf(extended, feed.queue!) });
    expect(extended.json.Outputs.AnalyticsFeedDlqUrl?.Value).toEqual({ Ref: logicalIdOf(extended, feed.deadLetterQueue) });
    extended.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(extended, feed.deadLetterQueue), 'QueueName'] } }],
    });
  });
});

describe('an invalid entry', () => {
  const valid: SubscriberEntry = { name: 'valid-name', description: 'd', eventPattern: userCreated, delivery: { kind: 'queue-only' } };
  const build = (entry: SubscriberEntry) => () => buildApp({ subscribers: [entry] });

  it.each([
    [{ ...valid, name: 'Bad_Name' }, 'Subscriber "Bad_Name": name must be lower-case kebab-case'],
    [{ ...valid, needs: ['sendEmail'] } as SubscriberEntry, 'Subscriber "valid-name": a queue-only subscriber has no function here'],
    [{ ...valid, eventPattern: { ...userCreated, source: [] } }, 'Subscriber "valid-name": eventPattern needs at least one source'],
    [{ ...valid, delivery: { kind: 'direct' } } as SubscriberEntry, 'Service "valid-name": no handler at services/valid-name/handler.ts'],
    [{ ...valid, delivery: { kind: 'queue-only', consumers: ['analytics-reader'] } } as SubscriberEntry, 'Subscriber "valid-name": consumer "analytics-reader" is not an IAM role ARN'],
  ])('is refused with a message naming it: %j', (entry, message) => {
    expect(build(entry)).toThrow(message);
  });

  it('is refused when its name is already taken', () => {
    expect(() => buildApp({ subscribers: [valid, { ...valid, description: 'again' }] })).toThrow(
      'Subscriber "valid-name" is registered twice',
    );
  });
});
