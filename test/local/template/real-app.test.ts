import * as fs from 'node:fs';
import * as path from 'node:path';
import { subscribers } from '../../../cdk/subscribers';
import { createLambda } from '../../../local/lambda';
import { LocalModel } from '../../../local/model/types';
import { openStateStore } from '../../../local/storage/state-store';
import { loadLocalModel } from '../../../local/template';
import { CDK_OUT } from '../../../support/project';
import { FakeSqs } from '../../../support/fake-sqs';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';

const endpoint = 'http://127.0.0.1:4566';

/** The app as jest's global setup synthesized it into cdk.out, as `cdk synth` would, with cdk.json's context. */
describe('loadLocalModel on the synthesized users-fanout app', () => {
  const cdkOutDir = CDK_OUT;
  let model: LocalModel;
  beforeAll(() => {
    model = loadLocalModel({ cdkOutDir, endpoint, region: 'us-east-1', account: '000000000000' });
  });

  it('supports every resource of the stack, and names each key setting it applies only in part', () => {
    const template = JSON.parse(fs.readFileSync(path.join(cdkOutDir, 'UsersFanout-dev.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    };
    const resources = Object.entries(template.Resources);
    const withProperty = (type: string, property: string) =>
      resources.filter(([, resource]) => resource.Type === type && ![undefined, ''].includes(resource.Properties?.[property] as string)).map(([id]) => id);
    expect(withProperty('AWS::KMS::Key', 'KeyPolicy')).toHaveLength(model.keys.length);
    expect(withProperty('AWS::SQS::Queue', 'KmsMasterKeyId').length).toBeGreaterThanOrEqual(4);
    // Every key policy is enforced: each is a resource-based policy local IAM holds.
    const keyPolicies = model.iam.resourcePolicies.filter((entry) => entry.resourceArn.includes(':kms:'));
    expect(keyPolicies.map((entry) => entry.resourceArn).sort()).toEqual(model.keys.map((key) => key.arn).sort());
    expect([...model.warnings].sort()).toEqual(
      [
        ...withProperty('AWS::SQS::Queue', 'KmsMasterKeyId').map(
          (id) => `${id} (AWS::SQS::Queue): KmsMasterKeyId: messages are stored unencrypted locally; who may use the key is checked as SQS checks it`,
        ),
        ...withProperty('AWS::Events::Archive', 'KmsKeyIdentifier').map(
          (id) => `${id} (AWS::Events::Archive): KmsKeyIdentifier: archived events are stored unencrypted locally; EventBridge's use of the key is checked`,
        ),
        ...withProperty('AWS::SNS::Topic', 'KmsMasterKeyId').map(
          (id) => `${id} (AWS::SNS::Topic): KmsMasterKeyId is not applied locally; messages are stored unencrypted and no key permission is checked`,
        ),
      ].sort(),
    );
  });

  it('serves the stage HMAC key under its alias, and hands its ARN to the functions that hash emails', () => {
    const hmacKey = model.keys.find((key) => key.keySpec === 'HMAC_256');
    expect(hmacKey).toMatchObject({ keyUsage: 'GENERATE_VERIFY_MAC', enabled: true });
    expect(model.aliases).toEqual([expect.objectContaining({ name: 'alias/users-fanout-dev-email-hmac', targetKeyArn: hmacKey?.arn })]);
    const hashing = model.functions.filter((fn) => fn.environment.EMAIL_HMAC_KEY_ARN !== undefined).map((fn) => fn.environment.POWERTOOLS_SERVICE_NAME);
    const declared = subscribers.filter((entry) => entry.needs?.includes('emailHmac')).map((entry) => entry.service ?? entry.name);
    expect(hashing.sort()).toEqual(declared.sort());
    expect(declared).toEqual(expect.arrayContaining(['audit-log', 'welcome-email']));
    for (const fn of model.functions) if (fn.environment.EMAIL_HMAC_KEY_ARN !== undefined) expect(fn.environment.EMAIL_HMAC_KEY_ARN).toBe(hmacKey?.arn);
  });

  it('reads the users table with its stream and the bus under their fixed names', () => {
    const users = model.tables.find((table) => table.name === 'users-fanout-dev-users');
    expect(users?.keySchema).toEqual([{ AttributeName: 'userId', KeyType: 'HASH' }]);
    expect(users?.stream?.viewType).toBe('NEW_AND_OLD_IMAGES');
    expect(model.buses.map((bus) => bus.name)).toContain('users-fanout-dev');
  });

  it('reads the one pipe off the users stream, INSERT-filtered, enriched, with a DLQ, to the bus', () => {
    const users = model.tables.find((table) => table.name === 'users-fanout-dev-users');
    const rejectedUsers = model.queues.find((queue) => queue.name === 'users-fanout-dev-rejected-users');
    expect(model.pipes).toHaveLength(1);
    const [pipe] = model.pipes;
    expect(pipe.source).toMatchObject({ kind: 'dynamodb-stream', streamArn: users?.stream?.arn });
    expect(pipe.filters.map((filter) => JSON.parse(filter))).toEqual([{ eventName: ['INSERT'] }]);
    expect(model.queues.map((queue) => queue.arn)).toContain('deadLetterArn' in pipe.source && pipe.source.deadLetterArn);
    expect(pipe.target).toMatchObject({ kind: 'eventbridge', source: 'users-fanout.users', detailType: 'UserCreated' });
    // The enrichment is given the local URL of the rejected-users queue, where it parks invalid records.
    const enrichment = model.functions.find((fn) => fn.arn === pipe.enrichment?.functionArn);
    expect(enrichment?.environment.REJECTED_USERS_QUEUE_URL).toBe(rejectedUsers?.url);
    expect(model.warnings.filter((warning) => warning.includes('readers'))).toEqual([]);
  });

  it('resolves every function environment to local names, and each code folder holds its handler file', () => {
    const tableNames = model.tables.map((table) => table.name);
    const welcome = model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'welcome-email');
    const audit = model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'audit-log');
    expect(welcome?.environment.SENDER_EMAIL).toBe('welcome@example.com');
    expect(tableNames).toContain(welcome?.environment.IDEMPOTENCY_TABLE_NAME);
    expect(tableNames).toContain(audit?.environment.AUDIT_TABLE_NAME);
    for (const fn of model.functions) {
      expect(fn.runtime).toMatch(/^nodejs/);
      const file = fn.handler.slice(0, fn.handler.lastIndexOf('.'));
      expect(['.js', '.mjs', '.cjs'].some((extension) => fs.existsSync(path.join(fn.codeDir, file + extension)))).toBe(true);
    }
  });

  it('wires the welcome-email queue to its function and the rules to their targets', () => {
    const welcome = model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'welcome-email');
    expect(model.eventSourceMappings.map((mapping) => mapping.functionArn)).toContain(welcome?.arn);
    const targetKinds = (ruleName: string) => model.rules.find((rule) => rule.name === ruleName)?.targets.map((target) => target.kind);
    expect(targetKinds('users-fanout-dev-welcome-email')).toEqual(['sqs']);
    expect(targetKinds('users-fanout-dev-audit-log')).toEqual(['lambda']);
  });

  it('runs the real enrichment bundle in the local Lambda runtime', async () => {
    const enrich = model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === 'enrich-user');
    if (!enrich) throw new Error('no enrich-user function in the model');
    const logs: string[] = [];
    const runtime = createLambda({
      functions: [enrich],
      eventSourceMappings: [],
      store: openStateStore(undefined),
      sqs: new FakeSqs(),
      endpoint,
      region: 'us-east-1',
      logSink: (line) => logs.push(line),
    });
    try {
      const record = {
        eventID: 'e-1',
        eventName: 'INSERT',
        eventVersion: '1.1',
        eventSource: 'aws:dynamodb',
        awsRegion: 'us-east-1',
        eventSourceARN: model.tables.find((table) => table.name === 'users-fanout-dev-users')?.stream?.arn,
        dynamodb: {
          ApproximateCreationDateTime: 1_700_000_000,
          Keys: { userId: { S: 'u-1' } },
          NewImage: { userId: { S: 'u-1' }, email: { S: 'ada@example.com' }, createdAt: { S: '2026-01-01T00:00:00.000Z' } },
          SequenceNumber: '1',
          SizeBytes: 10,
          StreamViewType: 'NEW_AND_OLD_IMAGES',
        },
      };
      const result = await runtime.port.invoke(enrich.arn, [record], CALLER_WITHOUT_IAM);
      expect(result.error).toBeUndefined();
      expect(result.payload).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ userId: 'u-1' }), metadata: expect.objectContaining({ schemaVersion: '1' }) }),
      ]);
    } finally {
      await runtime.close();
    }
  });
});
