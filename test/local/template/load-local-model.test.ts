import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadLocalModel } from '../../../local/template';
import { localKmsKeyId } from '../../../local/template/physical-names';
import { LocalModel } from '../../../local/model/types';

const fixtures = path.join(__dirname, 'fixtures');
const STREAM_LABEL = '2026-01-01T00:00:00.000';
const labelRequests: string[] = [];
const scope = {
  endpoint: 'http://127.0.0.1:4566/',
  region: 'us-east-1',
  account: '000000000000',
  streamLabel: (tableArn: string, viewType: string) => {
    labelRequests.push(`${tableArn} ${viewType}`);
    return STREAM_LABEL;
  },
};

function byLogicalId<T extends { logicalId: string }>(items: T[], logicalId: string): T {
  const found = items.find((item) => item.logicalId === logicalId);
  if (!found) throw new Error(`no ${logicalId} in ${items.map((item) => item.logicalId).join(', ')}`);
  return found;
}

describe('loadLocalModel on a stack with every supported type', () => {
  let model: LocalModel;
  beforeAll(() => {
    model = loadLocalModel({ cdkOutDir: path.join(fixtures, 'full'), ...scope });
  });

  it('keeps the scope and drops the trailing slash of the endpoint', () => {
    expect(model).toMatchObject({ account: '000000000000', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566' });
  });

  it('reads tables with keys, indexes, stream and TTL, naming unnamed ones after the stack', () => {
    expect(byLogicalId(model.tables, 'UsersTable')).toEqual({
      logicalId: 'UsersTable',
      name: 'full-dev-users',
      arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/full-dev-users',
      keySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
      attributeDefinitions: [
        { AttributeName: 'userId', AttributeType: 'S' },
        { AttributeName: 'email', AttributeType: 'S' },
      ],
      globalSecondaryIndexes: [
        {
          IndexName: 'byEmail',
          KeySchema: [{ AttributeName: 'email', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['givenName'] },
        },
      ],
      localSecondaryIndexes: [],
      stream: {
        viewType: 'NEW_AND_OLD_IMAGES',
        arn: 'arn:aws:dynamodb:us-east-1:000000000000:table/full-dev-users/stream/2026-01-01T00:00:00.000',
      },
    });
    const audit = byLogicalId(model.tables, 'AuditTable');
    expect(audit.name).toBe('full-stack-dev-AuditTable');
    expect(audit.timeToLiveAttribute).toBe('expiration');
    expect(audit.stream).toBeUndefined();
    expect(audit.keySchema.map((key) => key.KeyType)).toEqual(['HASH', 'RANGE']);
  });

  it("labels each stream with the creation time the runtime keeps for the table's stream, by table and view type", () => {
    expect(labelRequests).toContain('arn:aws:dynamodb:us-east-1:000000000000:table/full-dev-users NEW_AND_OLD_IMAGES');
    const { streamLabel: _kept, ...withoutLabels } = scope;
    const before = Date.now();
    const loaded = loadLocalModel({ cdkOutDir: path.join(fixtures, 'full'), ...withoutLabels });
    // Without the runtime's state, a stream is as new as the model.
    const label = byLogicalId(loaded.tables, 'UsersTable').stream?.arn.split('/stream/')[1] as string;
    expect(Date.parse(`${label}Z`)).toBeGreaterThanOrEqual(before - 1);
    expect(label).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  });

  it('reads queues with AWS defaults, URLs on the endpoint and redrive policies', () => {
    const dlq = byLogicalId(model.queues, 'WorkQueueDlq');
    expect(dlq).toEqual({
      logicalId: 'WorkQueueDlq',
      name: 'full-stack-dev-WorkQueueDlq',
      arn: 'arn:aws:sqs:us-east-1:000000000000:full-stack-dev-WorkQueueDlq',
      url: 'http://127.0.0.1:4566/000000000000/full-stack-dev-WorkQueueDlq',
      visibilityTimeoutSeconds: 30,
      messageRetentionSeconds: 1209600,
      delaySeconds: 0,
      receiveMessageWaitTimeSeconds: 0,
      sqsManagedSseEnabled: true,
    });
    const work = byLogicalId(model.queues, 'WorkQueue');
    expect(work.visibilityTimeoutSeconds).toBe(60);
    expect(work.messageRetentionSeconds).toBe(345600);
    expect(work.redrivePolicy).toEqual({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 3 });
  });

  it('reads functions with their asset folder, defaults and environment resolved to local names', () => {
    const worker = byLogicalId(model.functions, 'Worker');
    expect(worker).toMatchObject({
      name: 'full-stack-dev-Worker',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:full-stack-dev-Worker',
      codeDir: path.join(fixtures, 'full', 'asset.fn1hash'),
      handler: 'index.handler',
      runtime: 'nodejs20.x',
      timeoutSeconds: 10,
      memorySizeMb: 256,
      asyncConfig: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 },
      roleArn: 'arn:aws:iam::000000000000:role/full-stack-dev-WorkerRole',
      logGroupName: '/aws/lambda/full-stack-dev-Worker',
    });
    expect(worker.environment).toEqual({
      TABLE_NAME: 'full-dev-users',
      AUDIT_TABLE_NAME: 'full-stack-dev-AuditTable',
      QUEUE_URL: 'http://127.0.0.1:4566/000000000000/full-dev-work',
      QUEUE_NAME: 'full-dev-work',
      STREAM_ARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/full-dev-users/stream/2026-01-01T00:00:00.000',
      BUS_NAME: 'full-dev',
      ROLE_ARN: 'arn:aws:iam::000000000000:role/full-stack-dev-WorkerRole',
      HMAC_KEY_ARN: byLogicalId(model.keys, 'HmacKey').arn,
      HMAC_KEY_ID: byLogicalId(model.keys, 'HmacKey').keyId,
      HMAC_ALIAS: 'alias/full-dev-email-hash',
      RETRIES: '3',
    });
  });

  it('maps S3 keys to asset folders through the asset manifest and applies event invoke configs', () => {
    const audit = byLogicalId(model.functions, 'Audit');
    expect(audit.codeDir).toBe(path.join(fixtures, 'full', 'asset.fn1hash'));
    expect(audit.timeoutSeconds).toBe(3);
    expect(audit.memorySizeMb).toBe(128);
    expect(audit.asyncConfig).toEqual({
      maximumRetryAttempts: 1,
      maximumEventAgeSeconds: 3600,
      onFailureDestinationArn: byLogicalId(model.queues, 'WorkQueueDlq').arn,
    });
  });

  it('skips the provider functions of custom resources silently', () => {
    expect(model.functions.map((fn) => fn.logicalId).sort()).toEqual(['Audit', 'Worker']);
  });

  it('reads SQS event source mappings', () => {
    expect(model.eventSourceMappings).toEqual([
      {
        logicalId: 'WorkerMapping',
        functionArn: byLogicalId(model.functions, 'Worker').arn,
        queueArn: byLogicalId(model.queues, 'WorkQueue').arn,
        batchSize: 5,
        maximumBatchingWindowSeconds: 2,
        reportBatchItemFailures: true,
        maximumConcurrency: 2,
        enabled: true,
      },
    ]);
  });

  it('reads buses and archives', () => {
    expect(model.buses).toEqual([
      { logicalId: 'Bus', name: 'full-dev', arn: 'arn:aws:events:us-east-1:000000000000:event-bus/full-dev' },
    ]);
    expect(model.archives).toEqual([
      {
        logicalId: 'BusArchive',
        name: 'full-stack-dev-BusArchive',
        sourceBusArn: 'arn:aws:events:us-east-1:000000000000:event-bus/full-dev',
        eventPattern: { source: ['users-fanout.users'] },
        retentionDays: 7,
        // The archive's KmsKeyIdentifier names the template's key, whose policy EventBridge's use is checked against.
        kmsKeyArn: byLogicalId(model.keys, 'Key').arn,
      },
    ]);
  });

  it('reads rules with their targets, retry policies, dead-letter queues and AWS defaults', () => {
    const toWork = byLogicalId(model.rules, 'ToWorkRule');
    expect(toWork).toEqual({
      logicalId: 'ToWorkRule',
      name: 'full-stack-dev-ToWorkRule',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/full-dev/full-stack-dev-ToWorkRule',
      busName: 'full-dev',
      eventPattern: { 'detail-type': ['UserCreated'] },
      state: 'ENABLED',
      targets: [
        {
          id: 'Target0',
          arn: byLogicalId(model.queues, 'WorkQueue').arn,
          kind: 'sqs',
          retryPolicy: { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86400 },
          deadLetterArn: byLogicalId(model.queues, 'WorkQueueDlq').arn,
        },
        {
          id: 'Target1',
          arn: byLogicalId(model.functions, 'Audit').arn,
          kind: 'lambda',
          retryPolicy: { maximumRetryAttempts: 4, maximumEventAgeSeconds: 600 },
          inputPath: '$.detail',
        },
      ],
    });
    const onDefault = byLogicalId(model.rules, 'DefaultBusRule');
    expect(onDefault).toMatchObject({
      name: 'full-dev-default-rule',
      arn: 'arn:aws:events:us-east-1:000000000000:rule/full-dev-default-rule',
      busName: 'default',
      state: 'DISABLED',
      description: 'on the default bus',
    });
    expect(onDefault.targets[0].input).toBe('{"fixed":true}');
  });

  it('reads a pipe with source parameters, filters, enrichment and an EventBridge target', () => {
    expect(byLogicalId(model.pipes, 'UsersPipe')).toEqual({
      logicalId: 'UsersPipe',
      name: 'full-dev-users-pipe',
      arn: 'arn:aws:pipes:us-east-1:000000000000:pipe/full-dev-users-pipe',
      desiredState: 'RUNNING',
      source: {
        kind: 'dynamodb-stream',
        streamArn: byLogicalId(model.tables, 'UsersTable').stream?.arn,
        startingPosition: 'TRIM_HORIZON',
        batchSize: 10,
        maximumBatchingWindowSeconds: 1,
        maximumRetryAttempts: 3,
        maximumRecordAgeSeconds: 300,
        onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
        deadLetterArn: byLogicalId(model.queues, 'PipeDlq').arn,
      },
      filters: ['{"eventName":["INSERT"]}'],
      enrichment: { functionArn: byLogicalId(model.functions, 'Worker').arn, inputTemplate: '{"id": <$.eventID>}' },
      target: {
        kind: 'eventbridge',
        busArn: 'arn:aws:events:us-east-1:000000000000:event-bus/full-dev',
        source: 'users-fanout.users',
        detailType: 'UserCreated',
        resources: ['r1'],
      },
      roleArn: 'arn:aws:iam::000000000000:role/full-stack-dev-WorkerRole',
    });
  });

  it('reads pipes to SQS and Lambda targets with the AWS source defaults', () => {
    const reject = byLogicalId(model.pipes, 'RejectPipe');
    expect(reject).toMatchObject({
      name: 'full-stack-dev-RejectPipe',
      desiredState: 'STOPPED',
      source: { kind: 'dynamodb-stream', startingPosition: 'LATEST', batchSize: 1, maximumBatchingWindowSeconds: 0, maximumRetryAttempts: -1, maximumRecordAgeSeconds: -1 },
      filters: [],
      target: { kind: 'sqs', queueArn: byLogicalId(model.queues, 'WorkQueueDlq').arn },
      targetInputTemplate: '<$.dynamodb.Keys>',
    });
    expect(reject.enrichment).toBeUndefined();
    expect(reject.source).not.toHaveProperty('deadLetterArn');
    expect(byLogicalId(model.pipes, 'LambdaPipe').target).toEqual({
      kind: 'lambda',
      functionArn: byLogicalId(model.functions, 'Audit').arn,
      invocationType: 'FIRE_AND_FORGET',
    });
  });

  it('reads roles and resource-based policies for local IAM', () => {
    expect(model.iam.roles).toEqual([
      {
        logicalId: 'WorkerRole',
        name: 'full-stack-dev-WorkerRole',
        arn: 'arn:aws:iam::000000000000:role/full-stack-dev-WorkerRole',
        trustPolicy: {
          name: 'WorkerRole trust policy',
          logicalId: 'WorkerRole',
          document: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        },
        policies: [],
        awsManagedPolicyArns: [],
      },
    ]);
    const audit = byLogicalId(model.functions, 'Audit');
    expect(model.iam.resourcePolicies).toEqual([
      {
        resourceArn: byLogicalId(model.queues, 'WorkQueue').arn,
        policy: {
          name: 'WorkQueuePolicy',
          logicalId: 'WorkQueuePolicy',
          document: {
            Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: byLogicalId(model.queues, 'WorkQueue').arn }],
          },
        },
      },
      {
        // A key without a KeyPolicy gets KMS's default: the account, through IAM policies.
        resourceArn: byLogicalId(model.keys, 'Key').arn,
        policy: {
          name: 'Key',
          logicalId: 'Key',
          document: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' }],
          },
        },
      },
      {
        resourceArn: byLogicalId(model.keys, 'HmacKey').arn,
        policy: {
          name: 'HmacKey',
          logicalId: 'HmacKey',
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:role/full-stack-dev-WorkerRole' }, Action: 'kms:GenerateMac', Resource: '*' }],
          },
        },
      },
      {
        resourceArn: audit.arn,
        policy: {
          name: 'AuditPermission',
          logicalId: 'AuditPermission',
          document: {
            Version: '2012-10-17',
            Statement: [{ Sid: 'AuditPermission', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'lambda:InvokeFunction', Resource: audit.arn }],
          },
        },
      },
    ]);
  });

  it('reads KMS keys with ids stable across loads, aliases, and references to both', () => {
    const hmac = byLogicalId(model.keys, 'HmacKey');
    expect(hmac).toEqual({
      logicalId: 'HmacKey',
      keyId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      arn: `arn:aws:kms:us-east-1:000000000000:key/${hmac.keyId}`,
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      enabled: true,
      description: 'Hashes email addresses',
    });
    expect(byLogicalId(model.keys, 'Key')).toMatchObject({ keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT', enabled: true });
    expect(byLogicalId(model.keys, 'Key').keyId).not.toBe(hmac.keyId);
    expect(model.aliases).toEqual([
      { logicalId: 'HmacAlias', name: 'alias/full-dev-email-hash', arn: 'arn:aws:kms:us-east-1:000000000000:alias/full-dev-email-hash', targetKeyArn: hmac.arn },
    ]);
    expect(byLogicalId(model.functions, 'Worker').environment).toMatchObject({ HMAC_KEY_ARN: hmac.arn, HMAC_KEY_ID: hmac.keyId, HMAC_ALIAS: 'alias/full-dev-email-hash' });
    const again = loadLocalModel({ cdkOutDir: path.join(fixtures, 'full'), ...scope });
    expect(byLogicalId(again.keys, 'HmacKey').keyId).toBe(hmac.keyId);
  });

  it('warns about the unsupported type and the key settings it does not apply, and stays silent about inert ones', () => {
    expect(model.warnings).toEqual([
      'WorkQueue (AWS::SQS::Queue): KmsMasterKeyId: messages are stored unencrypted locally; who may use the key is checked as SQS checks it',
      'BusArchive (AWS::Events::Archive): KmsKeyIdentifier: archived events are stored unencrypted locally; EventBridge\'s use of the key is checked',
      'Schedule (AWS::Scheduler::Schedule): resource type not supported by the local runtime; skipped',
    ]);
  });
});

describe('loadLocalModel intrinsics, conditions and nested assemblies', () => {
  const model = loadLocalModel({ cdkOutDir: path.join(fixtures, 'staged'), ...scope });
  const fn = model.functions[0];

  it('finds stacks inside stage assemblies and names them by artifact id when no stack name is set', () => {
    expect(model.functions.map((f) => f.name)).toEqual(['ProdIntrinsics-prod-fn']);
    expect(fn.codeDir).toBe(path.join(fixtures, 'staged', 'assembly-Prod', 'asset.fnhash'));
    expect(fn.handler).toBe('app.main');
  });

  it('resolves pseudo parameters, parameters and Fn::Sub in its three forms', () => {
    expect(fn.environment.SUB_PLAIN).toBe('us-east-1:000000000000:aws:amazonaws.com:prod');
    expect(fn.environment.SUB_ATTR).toBe('queue=ProdIntrinsics-Queue.fifo literal=${NotAVariable}');
    expect(fn.environment.SUB_VARS).toBe('prod@arn:aws:sqs:us-east-1:000000000000:ProdIntrinsics-Queue.fifo');
  });

  it('resolves Fn::Select, Fn::Split, list parameters, Fn::FindInMap, Fn::Base64 and Fn::GetAZs', () => {
    expect(fn.environment.SELECT_SPLIT).toBe('b');
    expect(fn.environment.SELECT_PARAM_LIST).toBe('z');
    expect(fn.environment.MAPPED).toBe('WARN');
    expect(fn.environment.BASE64).toBe(Buffer.from('hi').toString('base64'));
    expect(fn.environment.FIRST_AZ).toBe('us-east-1a');
  });

  it('evaluates conditions with Fn::Equals, Fn::Not, Fn::And, Fn::Or, Fn::If and AWS::NoValue', () => {
    expect(fn.environment.IF_PROD).toBe('yes');
    expect(fn.environment.IF_ANY).toBe('none');
    expect('OMITTED' in fn.environment).toBe(false);
    expect(model.queues.map((queue) => queue.logicalId)).toEqual(['Queue']);
  });

  it('gives FIFO queues a .fifo name and Ref of a queue its URL', () => {
    expect(model.queues[0].name).toBe('ProdIntrinsics-Queue.fifo');
    expect(fn.environment.QUEUE_URL).toBe('http://127.0.0.1:4566/000000000000/ProdIntrinsics-Queue.fifo');
  });

  it('follows AWS_REGION-like scope changes into every ARN', () => {
    const elsewhere = loadLocalModel({ cdkOutDir: path.join(fixtures, 'staged'), ...scope, region: 'eu-west-1', account: '111122223333' });
    expect(elsewhere.queues[0].arn).toBe('arn:aws:sqs:eu-west-1:111122223333:ProdIntrinsics-Queue.fifo');
    expect(elsewhere.functions[0].environment.IF_ANY).toBe('any');
  });
});

describe('loadLocalModel on unsupported resources', () => {
  it('names every resource it does not run in a warning', () => {
    const model = loadLocalModel({ cdkOutDir: path.join(fixtures, 'unsupported'), ...scope, stackName: 'odd' });
    const importedKeyId = localKmsKeyId({ ...scope, stackName: 'odd', logicalId: 'ImportedKey' }, false);
    expect(model.warnings.sort()).toEqual(
      [
        'Stream (AWS::Kinesis::Stream): resource type not supported by the local runtime; skipped',
        'PythonFn (AWS::Lambda::Function): runtime python3.12 is not supported locally, only nodejs; skipped',
        'InlineFn (AWS::Lambda::Function): inline or container image code is not supported locally; skipped',
        'MissingAssetFn (AWS::Lambda::Function): code asset S3 key nowhere.zip is not a folder in cdk.out; skipped',
        'StreamMapping (AWS::Lambda::EventSourceMapping): function someone is not run locally; skipped',
        'StepPipe (AWS::Pipes::Pipe): target arn:aws:states:us-east-1:000000000000:stateMachine:sm is not supported locally (EventBridge bus, SQS or Lambda only); not run locally',
        'Widget (Custom::Widget): resource type not supported by the local runtime; skipped',
        'LayeredFn (AWS::Lambda::Function): Layers is not applied locally; code the handler loads from /opt will be missing',
        'LayeredFn (AWS::Lambda::Function): DeadLetterConfig is not applied locally; failed async events go only to the EventInvokeConfig on-failure destination',
        'ImportedKey (AWS::KMS::Key): Origin EXTERNAL is not supported locally (no key material can be imported); skipped',
        'ReplicaKey (AWS::KMS::ReplicaKey): resource type not supported by the local runtime; skipped',
        `DanglingAlias (AWS::KMS::Alias): target key ${importedKeyId} is not a key the local runtime runs; skipped`,
      ].sort(),
    );
    expect(model.functions.map((fn) => fn.logicalId)).toEqual(['LayeredFn']);
    expect(model.eventSourceMappings.map((mapping) => mapping.logicalId)).toEqual(['FilteredMapping']);
    // The pipe with an SQS source and an SQS target runs; the one with a Step Functions target does not.
    expect(model.pipes.map((pipe) => pipe.logicalId)).toEqual(['QueuePipe']);
    expect(model.rules.map((rule) => rule.targets.map((target) => target.kind))).toEqual([[], ['sns', 'sqs']]);
    expect(model.rules[0].scheduleExpression).toBe('rate(1 day)');
    expect(model.tables[0].stream?.viewType).toBe('KEYS_ONLY');
    expect(model.queues.map((queue) => queue.name)).toEqual(['odd-Queue']);
  });

  it('loads every stack when no stack name is given, reading numbers written as strings', () => {
    const model = loadLocalModel({ cdkOutDir: path.join(fixtures, 'unsupported'), ...scope });
    expect(model.queues.find((queue) => queue.name === 'other-OtherQueue')).toMatchObject({ delaySeconds: 5, receiveMessageWaitTimeSeconds: 20 });
  });

  it('refuses a KMS key whose spec and usage CloudFormation would refuse, naming both', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kms-template-'));
    try {
      fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '48.0.0', artifacts: { Bad: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Bad.template.json', stackName: 'bad' } } } }));
      fs.writeFileSync(path.join(dir, 'Bad.template.json'), JSON.stringify({ Resources: { Mac: { Type: 'AWS::KMS::Key', Properties: { KeySpec: 'HMAC_256' } } } }));
      expect(() => loadLocalModel({ cdkOutDir: dir, ...scope })).toThrow(
        'Mac (AWS::KMS::Key): KeySpec HMAC_256 cannot have KeyUsage ENCRYPT_DECRYPT; HMAC key specs go with GENERATE_VERIFY_MAC only',
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a missing cdk.out or stack with a clear error', () => {
    expect(() => loadLocalModel({ cdkOutDir: path.join(fixtures, 'nowhere'), ...scope })).toThrow(
      /Cannot read cloud assembly manifest at .*nowhere.*manifest\.json.*npm run synth/,
    );
    expect(() => loadLocalModel({ cdkOutDir: path.join(fixtures, 'full'), ...scope, stackName: 'Nope' })).toThrow(
      /Stack Nope not found/,
    );
  });
});
