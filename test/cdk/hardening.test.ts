import { Subscriber } from '../../cdk/subscription/subscriber';
import { PRODUCTION_BUS_NAME } from '../../events/cli/production-guard';
import { USER_CREATED_SOURCE } from '../../events/user-created';
import { KEY_ADMINISTRATION_ACTIONS } from '../../cdk/constructs/customer-managed-key';
import { arnOf, logicalIdOf, resourcesOfType, synthApp, synthBuiltInApp, SynthesizedApp } from './synth-app';
import type { IConstruct } from 'constructs';

/**
 * The production hardening of issue #14, read off the synthesized template: who may send as whom, publish user
 * events, use which key for what; what is kept when a production stack is deleted.
 */
let app: SynthesizedApp;
let welcomeEmail: Subscriber;
let auditLog: Subscriber;

beforeAll(() => {
  ({ app, welcomeEmail, auditLog } = synthBuiltInApp());
});
afterAll(() => app.cleanup());

interface RawStatement {
  Effect: string;
  Principal?: { AWS?: unknown; Service?: unknown } | string;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
  Resource?: unknown;
}

/** One (principal, action) a key policy allows, with the statement's conditions. */
interface KeyUse {
  principal: string;
  action: string;
  condition?: Record<string, Record<string, unknown>>;
}

const VIA_SQS = { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['sqs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } };
const ACCOUNT_ROOT = 'account root';

function keyPolicyOf(target: SynthesizedApp, key: IConstruct): RawStatement[] {
  const resource = resourcesOfType(target, 'AWS::KMS::Key')[logicalIdOf(target, key)];
  if (resource === undefined) throw new Error(`${key.node.path} is not a KMS key`);
  return (resource.KeyPolicy as { Statement: RawStatement[] }).Statement;
}

/** Names a principal by what it is: a role's logical id, a service, or the account. */
function principalName(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  if (json.includes(':root')) return ACCOUNT_ROOT;
  const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  if (getAtt !== undefined) return getAtt[0];
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join !== undefined) return join[1].map((part) => (typeof part === 'string' ? part : '<region>')).join('');
  return json;
}

/** Every use a key policy allows, one per principal and action, so policy minimization does not matter. */
function keyUses(target: SynthesizedApp, key: IConstruct): KeyUse[] {
  return keyPolicyOf(target, key).flatMap((statement) => {
    expect(statement.Effect).toBe('Allow');
    const principal = statement.Principal as { AWS?: unknown; Service?: unknown };
    const principals = [principal.AWS, principal.Service].filter((value) => value !== undefined).flatMap((value) => [value].flat());
    return principals.flatMap((one) =>
      [statement.Action].flat().map((action) => ({ principal: principalName(one), action, ...(statement.Condition ? { condition: statement.Condition } : {}) })),
    );
  });
}

/** The uses of a key other than the account's administration. */
function usesBeyondAdministration(target: SynthesizedApp, key: IConstruct): KeyUse[] {
  return keyUses(target, key)
    .filter((use) => use.principal !== ACCOUNT_ROOT)
    .sort((a, b) => `${a.principal} ${a.action}`.localeCompare(`${b.principal} ${b.action}`));
}

const roleOf = (target: SynthesizedApp, construct: { role?: IConstruct } | IConstruct): string =>
  logicalIdOf(target, 'role' in construct && construct.role !== undefined ? construct.role : (construct as IConstruct));

describe('1. SES bound to its sender', () => {
  function sendEmailStatements(target: SynthesizedApp): RawStatement[] {
    return Object.values(resourcesOfType(target, 'AWS::IAM::Policy')).flatMap((policy) =>
      (policy.PolicyDocument as { Statement: RawStatement[] }).Statement.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('ses:'))),
    );
  }

  it('lets the welcome-email function send only with the configured sender as From, through either of its identities', () => {
    const statements = sendEmailStatements(app);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatchObject({ Effect: 'Allow', Action: 'ses:SendEmail', Condition: { StringEquals: { 'ses:FromAddress': 'welcome@example.com' } } });
    expect(JSON.stringify(statements[0].Resource)).toContain(':identity/welcome@example.com');
    expect(JSON.stringify(statements[0].Resource)).toContain(':identity/example.com');
  });

  it('follows the configured sender', () => {
    const other = synthApp({ context: { senderEmail: 'hello@mail.example.org' } });
    try {
      expect(sendEmailStatements(other)).toEqual([
        expect.objectContaining({ Condition: { StringEquals: { 'ses:FromAddress': 'hello@mail.example.org' } } }),
      ]);
    } finally {
      other.cleanup();
    }
  });
});

describe('2. A bus policy that refuses forged UserCreated', () => {
  function busStatements(target: SynthesizedApp): RawStatement[] {
    return Object.values(resourcesOfType(target, 'AWS::Events::EventBusPolicy'))
      .filter((policy) => JSON.stringify(policy.EventBusName) === JSON.stringify({ Ref: logicalIdOf(target, target.stack.bus) }))
      .map((policy) => policy.Statement as RawStatement);
  }

  it('denies PutEvents of users-fanout.users events to every principal but the user-created pipe and the operators', () => {
    expect(busStatements(app)).toEqual([
      {
        Sid: 'cdk-only-publishers-of-users-fanout-users',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'events:PutEvents',
        Resource: arnOf(app, app.stack.bus),
        Condition: {
          StringEquals: { 'events:source': USER_CREATED_SOURCE },
          ArnNotLike: { 'aws:PrincipalArn': [arnOf(app, app.stack.userCreatedPipe.pipe.pipeRole), arnOf(app, app.stack.operatorRole)] },
          // EventBridge replaying the archive acts as itself, not as a principal of the account.
          Bool: { 'aws:PrincipalIsAWSService': 'false' },
        },
      },
    ]);
  });

  it('lets the principals named by testEventSenders send too, outside production', () => {
    const tester = 'arn:aws:iam::123456789012:role/tester';
    const qa = synthApp({ context: { stage: 'qa', testEventSenders: tester } });
    try {
      const [statement] = busStatements(qa);
      expect(statement.Condition?.ArnNotLike['aws:PrincipalArn']).toEqual([
        arnOf(qa, qa.stack.userCreatedPipe.pipe.pipeRole),
        arnOf(qa, qa.stack.operatorRole),
        tester,
      ]);
    } finally {
      qa.cleanup();
    }
    expect(() => synthApp({ context: { stage: 'prod', testEventSenders: tester } })).toThrow(/testEventSenders for stage prod/);
  });

  it('gives the operators, whose redrive replays records as events, a role the account assumes', () => {
    const role = resourcesOfType(app, 'AWS::IAM::Role')[logicalIdOf(app, app.stack.operatorRole)]!;
    expect(role.RoleName).toBe('users-fanout-dev-operator');
    const [trust] = (role.AssumeRolePolicyDocument as { Statement: RawStatement[] }).Statement;
    expect({ action: trust.Action, principal: principalName((trust.Principal as { AWS: unknown }).AWS) }).toEqual({ action: 'sts:AssumeRole', principal: ACCOUNT_ROOT });
    expect(app.json.Outputs.OperatorRoleArn).toEqual({ Value: arnOf(app, app.stack.operatorRole) });
  });
});

describe('3. Customer managed keys for the queues and the archive that hold personal data', () => {
  const subscriberKey = (subscriber: Subscriber) => subscriber.dataKey;

  it('encrypts every subscriber queue and dead-letter queue, the rejected-users queue and the archive with a rotated customer managed key', () => {
    const queues = resourcesOfType(app, 'AWS::SQS::Queue');
    const keyed = [
      [welcomeEmail.queue!, welcomeEmail.dataKey],
      [welcomeEmail.deadLetterQueue, welcomeEmail.dataKey],
      [auditLog.deadLetterQueue, auditLog.dataKey],
      [app.stack.rejectedUsersQueue, app.stack.node.findChild('RejectedUsersKey')],
    ] as const;
    for (const [queue, key] of keyed) {
      expect({ queue: queue.node.path, KmsMasterKeyId: queues[logicalIdOf(app, queue)]!.KmsMasterKeyId }).toEqual({ queue: queue.node.path, KmsMasterKeyId: arnOf(app, key) });
    }
    expect(resourcesOfType(app, 'AWS::Events::Archive')[logicalIdOf(app, app.stack.bus.eventArchive)]!.KmsKeyIdentifier).toEqual(arnOf(app, app.stack.bus.archiveKey));
    for (const key of [welcomeEmail.dataKey, auditLog.dataKey, app.stack.node.findChild('RejectedUsersKey'), app.stack.bus.archiveKey]) {
      expect(resourcesOfType(app, 'AWS::KMS::Key')[logicalIdOf(app, key)]).toMatchObject({ EnableKeyRotation: true });
    }
  });

  it('keeps SQS-managed keys only for the pipe\'s dead-letter queue, which holds a batch\'s place in the stream, never its records', () => {
    expect(resourcesOfType(app, 'AWS::SQS::Queue')[logicalIdOf(app, app.stack.userCreatedPipe.deadLetterQueue)]).toMatchObject({ SqsManagedSseEnabled: true });
  });

  it('trusts the account to administer each key, never to use it', () => {
    const keys = [welcomeEmail.dataKey, auditLog.dataKey, app.stack.node.findChild('RejectedUsersKey'), app.stack.bus.archiveKey, app.stack.emailHmacKey, app.stack.logsKey];
    for (const key of keys) {
      const accountActions = keyUses(app, key).filter((use) => use.principal === ACCOUNT_ROOT).map((use) => use.action);
      expect({ key: key.node.path, accountActions: accountActions.sort() }).toEqual({ key: key.node.path, accountActions: [...KEY_ADMINISTRATION_ACTIONS].sort() });
    }
    expect(KEY_ADMINISTRATION_ACTIONS.filter((action) => /\*|Decrypt|Encrypt|GenerateDataKey|GenerateMac|CreateGrant|ReEncrypt/.test(action))).toEqual([]);
  });

  it('lets exactly the welcome-email path use its key, through SQS: EventBridge and the operators send, the function and the operators receive', () => {
    const handler = roleOf(app, welcomeEmail.handler!);
    const operators = logicalIdOf(app, app.stack.operatorRole);
    expect(usesBeyondAdministration(app, subscriberKey(welcomeEmail))).toEqual(
      [
        { principal: 'events.amazonaws.com', action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: 'events.amazonaws.com', action: 'kms:GenerateDataKey', condition: VIA_SQS },
        { principal: handler, action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: operators, action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: operators, action: 'kms:GenerateDataKey', condition: VIA_SQS },
      ].sort((a, b) => `${a.principal} ${a.action}`.localeCompare(`${b.principal} ${b.action}`)),
    );
  });

  it('lets EventBridge (rule dead letters) and the audit-log function (its on-failure destination) send with the audit-log key, and the operators read', () => {
    expect(usesBeyondAdministration(app, subscriberKey(auditLog))).toEqual(
      [
        { principal: 'events.amazonaws.com', action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: 'events.amazonaws.com', action: 'kms:GenerateDataKey', condition: VIA_SQS },
        { principal: roleOf(app, auditLog.handler!), action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: roleOf(app, auditLog.handler!), action: 'kms:GenerateDataKey', condition: VIA_SQS },
        { principal: logicalIdOf(app, app.stack.operatorRole), action: 'kms:Decrypt', condition: VIA_SQS },
      ].sort((a, b) => `${a.principal} ${a.action}`.localeCompare(`${b.principal} ${b.action}`)),
    );
  });

  it('lets only the enrichment that parks rejected users send with the rejected-users key, and the operators read', () => {
    const enrichment = roleOf(app, app.stack.userCreatedPipe.enrichmentFunction);
    expect(usesBeyondAdministration(app, app.stack.node.findChild('RejectedUsersKey'))).toEqual(
      [
        { principal: logicalIdOf(app, app.stack.operatorRole), action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: enrichment, action: 'kms:Decrypt', condition: VIA_SQS },
        { principal: enrichment, action: 'kms:GenerateDataKey', condition: VIA_SQS },
      ].sort((a, b) => `${a.principal} ${a.action}`.localeCompare(`${b.principal} ${b.action}`)),
    );
  });

  it('lets EventBridge use the archive key only for this bus\'s events, from this account and this bus or archive', () => {
    const condition = {
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'kms:EncryptionContext:aws:events:event-bus:arn': arnOf(app, app.stack.bus) },
      ArnEquals: {
        'aws:SourceArn': [
          arnOf(app, app.stack.bus),
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':archive/users-fanout-dev-archive']] },
        ],
      },
    };
    expect(usesBeyondAdministration(app, app.stack.bus.archiveKey)).toEqual([
      { principal: 'events.amazonaws.com', action: 'kms:Decrypt', condition },
      { principal: 'events.amazonaws.com', action: 'kms:DescribeKey' },
      { principal: 'events.amazonaws.com', action: 'kms:GenerateDataKey', condition },
      { principal: 'events.amazonaws.com', action: 'kms:ReEncrypt*', condition },
    ]);
  });

  it('lets the operators read a rejected user\'s item from the users table, since the queue no longer keeps its image', () => {
    const statements = Object.values(resourcesOfType(app, 'AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Roles).includes(logicalIdOf(app, app.stack.operatorRole)))
      .flatMap((policy) => (policy.PolicyDocument as { Statement: RawStatement[] }).Statement);
    expect(statements).toContainEqual(expect.objectContaining({ Action: 'dynamodb:GetItem', Resource: arnOf(app, app.stack.usersTable) }));
  });
});

describe('4. Keyed hashing', () => {
  it('has a per-stage HMAC_256 key for GenerateMac, under an alias operators can use', () => {
    expect(resourcesOfType(app, 'AWS::KMS::Key')[logicalIdOf(app, app.stack.emailHmacKey)]).toMatchObject({
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
      Description: expect.stringContaining('users-fanout-dev'),
    });
    app.template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/users-fanout-dev-email-hmac', TargetKeyId: arnOf(app, app.stack.emailHmacKey) });
    expect(app.json.Outputs.EmailHmacKeyAlias).toEqual({ Value: 'alias/users-fanout-dev-email-hmac' });
  });

  it('lets the audit log, the welcome email and the operators generate MACs with HMAC_SHA_256 only, and nothing else', () => {
    const onlySha256 = { StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } };
    expect(usesBeyondAdministration(app, app.stack.emailHmacKey)).toEqual(
      [roleOf(app, auditLog.handler!), roleOf(app, welcomeEmail.handler!), logicalIdOf(app, app.stack.operatorRole)]
        .sort()
        .map((principal) => ({ principal, action: 'kms:GenerateMac', condition: onlySha256 })),
    );
  });

  it('hands both functions the key ARN, and no role gets KMS permissions from IAM, only from key policies', () => {
    const functions = resourcesOfType(app, 'AWS::Lambda::Function');
    for (const subscriber of [auditLog, welcomeEmail]) {
      const variables = (functions[logicalIdOf(app, subscriber.handler!)]!.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.EMAIL_HMAC_KEY_ARN).toEqual(arnOf(app, app.stack.emailHmacKey));
    }
    const kmsInIam = Object.values(resourcesOfType(app, 'AWS::IAM::Policy')).flatMap((policy) =>
      (policy.PolicyDocument as { Statement: RawStatement[] }).Statement.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('kms:'))),
    );
    expect(kmsInIam).toEqual([]);
  });
});

describe('5. Production retention', () => {
  let prod: SynthesizedApp;
  beforeAll(() => {
    prod = synthApp({ context: { stage: 'prod' } });
  });
  afterAll(() => prod.cleanup());

  const deletionPolicies = (target: SynthesizedApp, type: string) =>
    Object.entries(target.json.Resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id, resource]) => ({ id, policy: resource.DeletionPolicy }));

  it('names its bus as put-events expects of the production bus, so the real-email guard recognises it', () => {
    const buses = Object.values(prod.json.Resources).filter((resource) => resource.Type === 'AWS::Events::EventBus');
    expect(buses.map((bus) => bus.Properties?.Name)).toEqual([PRODUCTION_BUS_NAME]);
  });

  it.each(['AWS::Logs::LogGroup', 'AWS::KMS::Key', 'AWS::Events::Archive', 'AWS::Events::EventBus'])('retains every %s in prod and deletes it elsewhere', (type) => {
    const retained = deletionPolicies(prod, type);
    expect(retained.length).toBeGreaterThan(0);
    for (const entry of retained) expect(entry).toEqual({ id: entry.id, policy: 'Retain' });
    for (const entry of deletionPolicies(app, type)) expect(entry).toEqual({ id: entry.id, policy: 'Delete' });
  });

  it('waits 30 days before deleting a production key, and 7 elsewhere', () => {
    for (const key of Object.values(resourcesOfType(prod, 'AWS::KMS::Key'))) expect(key.PendingWindowInDays).toBe(30);
    for (const key of Object.values(resourcesOfType(app, 'AWS::KMS::Key'))) expect(key.PendingWindowInDays).toBe(7);
  });

  it('encrypts every log group with the logs key, which CloudWatch Logs may use for the stage\'s log groups only', () => {
    const logGroups = Object.values(resourcesOfType(app, 'AWS::Logs::LogGroup'));
    expect(logGroups.length).toBeGreaterThan(0);
    for (const logGroup of logGroups) {
      expect(logGroup.KmsKeyId).toEqual(arnOf(app, app.stack.logsKey));
      expect(logGroup.LogGroupName).toMatch(/^\/aws\/(lambda|vendedlogs\/pipes)\/users-fanout-dev-/);
    }
    const logGroupArn = (prefix: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:log-group:${prefix}*`]],
    });
    const condition = { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [logGroupArn('/aws/lambda/users-fanout-dev-'), logGroupArn('/aws/vendedlogs/pipes/users-fanout-dev-')] } };
    expect(usesBeyondAdministration(app, app.stack.logsKey)).toEqual(
      ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'].map((action) => ({ principal: 'logs.<region>.amazonaws.com', action, condition })),
    );
  });

  it('scopes CloudWatch\'s use of the alarm topic key to the account and to the stack\'s alarms, all named for the stage', () => {
    const alarmPattern = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':alarm:users-fanout-dev-*']] };
    const cloudWatch = keyUses(app, app.stack.alerts.node.findChild('TopicKey')).filter((use) => use.principal === 'cloudwatch.amazonaws.com');
    expect(cloudWatch).toEqual(
      ['kms:Decrypt', 'kms:GenerateDataKey*'].map((action) => ({
        principal: 'cloudwatch.amazonaws.com',
        action,
        condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': alarmPattern } },
      })),
    );
    for (const alarm of Object.values(resourcesOfType(app, 'AWS::CloudWatch::Alarm'))) expect(alarm.AlarmName).toMatch(/^users-fanout-dev-[a-z0-9-]+$/);
  });
});
