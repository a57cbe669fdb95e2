import { DescribeStreamCommand, DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DescribePipeCommand, ListPipesCommand, PipesClient } from '@aws-sdk/client-pipes';
import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { SESv2Client, SendEmailCommand as SendEmailV2Command } from '@aws-sdk/client-sesv2';
import { GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalCredentials } from '../../../local/iam/credentials';
import { startInProcessRuntime, type InProcessRuntime } from '../../../support/in-process-runtime';
import { stackNames } from '../../../support/stack-names';

const names = stackNames();

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const ADMIN = `arn:aws:iam::${ACCOUNT}:user/local-admin`;

/** The real template, run in-process, called through the SDKs as its roles and as the local administrator. */
describe('local IAM enforced on every service, through the SDKs', () => {
  let stack: InProcessRuntime;
  let auditLog: { role: string; credentials: LocalCredentials; session: string };
  let welcomeEmail: { role: string; credentials: LocalCredentials; session: string };
  const clients: Array<{ destroy(): void }> = [];

  /** A client of `Client` at the local endpoint, with these credentials (the administrator's by default). */
  function client<T extends { destroy(): void }>(Client: new (config: object) => T, credentials?: LocalCredentials): T {
    const made = new Client({ endpoint: stack.endpoint, region: REGION, credentials: credentials ?? { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    clients.push(made);
    return made;
  }

  function functionRole(name: string): { role: string; credentials: LocalCredentials; session: string } {
    const fn = stack.runtime.model.functions.find((candidate) => candidate.name === `users-fanout-dev-${name}`);
    if (!fn?.roleArn) throw new Error(`no function ${name}`);
    return { role: fn.roleArn, credentials: stack.runtime.iam.callers.credentialsFor(fn.roleArn, fn.name), session: `arn:aws:sts::${ACCOUNT}:assumed-role/${fn.roleArn.split('/').pop()}/${fn.name}` };
  }

  beforeAll(async () => {
    stack = await startInProcessRuntime();
    auditLog = functionRole('audit-log');
    welcomeEmail = functionRole('welcome-email');
  });

  afterAll(async () => {
    for (const made of clients) made.destroy();
    await stack?.stop();
  });

  const arn = (service: string, resource: string): string => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

  it('DynamoDB: AccessDeniedException naming the role session, the action and the table', async () => {
    const dynamodb = client(DynamoDBClient, auditLog.credentials);
    await dynamodb.send(new PutItemCommand({ TableName: names.auditLogTable, Item: { pk: { S: 'enforcement' }, sk: { S: '1' } } })).catch(() => undefined);
    const error = await dynamodb.send(new GetItemCommand({ TableName: names.usersTable, Key: { userId: { S: 'u' } } })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
      message: `User: ${auditLog.session} is not authorized to perform: dynamodb:GetItem on resource: ${arn('dynamodb', `table/${names.usersTable}`)} because no identity-based policy allows the dynamodb:GetItem action`,
    });
  });

  it('DynamoDB Streams: reading the stream needs its grant on the stream ARN', async () => {
    const table = stack.runtime.model.tables.find((candidate) => candidate.name === names.usersTable);
    const streamArn = table?.stream?.arn as string;
    const error = await client(DynamoDBStreamsClient, auditLog.credentials).send(new DescribeStreamCommand({ StreamArn: streamArn })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`perform: dynamodb:DescribeStream on resource: ${streamArn} because`) });
    await expect(client(DynamoDBStreamsClient).send(new DescribeStreamCommand({ StreamArn: streamArn }))).resolves.toBeDefined();
  });

  it("SQS: AccessDenied (JSON protocol, with the query code header) in SQS's lower-case action", async () => {
    const sqs = client(SQSClient, auditLog.credentials);
    const { QueueUrl } = await client(SQSClient).send(new GetQueueUrlCommand({ QueueName: 'users-fanout-dev-rejected-users' }));
    const error = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{}' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'AccessDenied',
      Code: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: `User: ${auditLog.session} is not authorized to perform: sqs:sendmessage on resource: ${arn('sqs', 'users-fanout-dev-rejected-users')} because no identity-based policy allows the sqs:sendmessage action`,
    });
  });

  it("SQS: the administrator is refused a queue whose key's policy does not let it use the key (KmsAccessDenied)", async () => {
    const sqs = client(SQSClient);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'users-fanout-dev-welcome-email' }));
    const error = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{}' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'KmsAccessDenied', Code: 'KMS.AccessDeniedException', message: expect.stringMatching(new RegExp(`^User: ${ADMIN} is not authorized to perform: kms:GenerateDataKey on resource: arn:aws:kms:`)) });
    // The operator role may: the key policy grants it through SQS.
    await expect(client(SQSClient, stack.operatorCredentials).send(new SendMessageCommand({ QueueUrl, MessageBody: '{}' }))).resolves.toBeDefined();
  });

  it('KMS: GenerateMac on the HMAC key is for the roles its key policy names, not the administrator', async () => {
    const request = { KeyId: names.emailHmacKeyAlias, MacAlgorithm: 'HMAC_SHA_256' as const, Message: Buffer.from('ada@example.com') };
    const error = await client(KMSClient).send(new GenerateMacCommand(request)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AccessDeniedException', message: expect.stringMatching(new RegExp(`^User: ${ADMIN} is not authorized to perform: kms:GenerateMac on resource: arn:aws:kms:.* because no resource-based policy allows the kms:GenerateMac action$`)) });
    await expect(client(KMSClient, auditLog.credentials).send(new GenerateMacCommand(request))).resolves.toMatchObject({ Mac: expect.any(Uint8Array) });
    const wrongAlgorithm = await client(KMSClient, auditLog.credentials).send(new GenerateMacCommand({ ...request, MacAlgorithm: 'HMAC_SHA_512' })).catch((caught: unknown) => caught);
    expect(wrongAlgorithm).toMatchObject({ name: 'AccessDeniedException' });
  });

  it('Lambda: invoking a function the role has no grant for is a 403 AccessDeniedException', async () => {
    const fn = arn('lambda', 'function:users-fanout-dev-audit-log');
    const error = await client(LambdaClient, welcomeEmail.credentials).send(new InvokeCommand({ FunctionName: 'users-fanout-dev-audit-log', Payload: '{}' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
      message: `User: ${welcomeEmail.session} is not authorized to perform: lambda:InvokeFunction on resource: ${fn} because no identity-based policy allows the lambda:InvokeFunction action`,
    });
  });

  it('SES: a send is authorized on the sender identity with ses:FromAddress (query protocol, AccessDenied)', async () => {
    const ses = client(SESClient, welcomeEmail.credentials);
    const send = (source: string): Promise<unknown> =>
      ses.send(new SendEmailCommand({ Source: source, Destination: { ToAddresses: ['ada@example.com'] }, Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } }));
    await expect(send('welcome@example.com')).resolves.toMatchObject({ MessageId: expect.any(String) });
    const error = await send('someone-else@example.com').catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
      message: expect.stringMatching(new RegExp(`^User \`${welcomeEmail.session}' is not authorized to perform \`ses:SendEmail' on resource \`${arn('ses', 'identity/someone-else@example.com')}'`)),
    });
    const v2 = await client(SESv2Client, auditLog.credentials)
      .send(new SendEmailV2Command({ FromEmailAddress: 'welcome@example.com', Destination: { ToAddresses: ['ada@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } } }))
      .catch((caught: unknown) => caught);
    expect(v2).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 }, message: expect.stringContaining('perform: ses:SendEmail on resource:') });
  });

  it('EventBridge: a role without events:PutEvents is refused the whole call; the bus policy refuses an entry for its source', async () => {
    const entry = { EventBusName: 'users-fanout-dev', Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: '{"userId":"forged"}' };
    const whole = await client(EventBridgeClient, auditLog.credentials).send(new PutEventsCommand({ Entries: [entry] })).catch((caught: unknown) => caught);
    expect(whole).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`perform: events:PutEvents on resource: ${arn('events', 'event-bus/users-fanout-dev')} because no identity-based policy`) });

    const other = { ...entry, Source: 'someone.else', DetailType: 'Other' };
    const result = await client(EventBridgeClient).send(new PutEventsCommand({ Entries: [entry, other] }));
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]).toEqual({
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: `User: ${ADMIN} is not authorized to perform: events:PutEvents on resource: ${arn('events', 'event-bus/users-fanout-dev')} with an explicit deny in a resource-based policy`,
    });
    expect(result.Entries?.[1]).toEqual({ EventId: expect.any(String) });
  });

  it('Pipes API: DescribePipe and ListPipes answer the administrator, and refuse a role without the grant', async () => {
    const pipes = client(PipesClient);
    const described = await pipes.send(new DescribePipeCommand({ Name: 'users-fanout-dev-user-created' }));
    expect(described).toMatchObject({ Name: 'users-fanout-dev-user-created', Arn: arn('pipes', 'pipe/users-fanout-dev-user-created'), DesiredState: 'RUNNING', CurrentState: 'RUNNING' });
    expect((await pipes.send(new ListPipesCommand({}))).Pipes?.map((pipe) => pipe.Name).sort()).toEqual(['users-fanout-dev-user-created']);
    const error = await client(PipesClient, auditLog.credentials).send(new DescribePipeCommand({ Name: 'users-fanout-dev-user-created' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 }, message: expect.stringContaining('perform: pipes:DescribePipe on resource:') });
  });

  it('records the denials for the report, each once', () => {
    const denied = stack.runtime.iam.denials().map((denial) => `${denial.principal.split('/').pop()} ${denial.action}`);
    expect(denied).toEqual(expect.arrayContaining(['users-fanout-dev-audit-log dynamodb:GetItem', 'local-admin kms:GenerateMac', 'local-admin events:PutEvents']));
    expect(new Set(denied).size).toBe(denied.length);
    expect(stack.logs.filter((line) => line.startsWith('iam: refused: ') && line.includes('dynamodb:GetItem'))).toHaveLength(1);
  });
});

describe.each(['warn', 'off'] as const)('local IAM in %s mode', (mode) => {
  it('lets a call the role may not make through; warn mode names it once', async () => {
    const stack = await startInProcessRuntime({ iam: mode });
    try {
      const fn = stack.runtime.model.functions.find((candidate) => candidate.name === 'users-fanout-dev-audit-log');
      const credentials = stack.runtime.iam.callers.credentialsFor(fn?.roleArn as string, 'users-fanout-dev-audit-log');
      const dynamodb = new DynamoDBClient({ endpoint: stack.endpoint, region: REGION, credentials });
      for (let i = 0; i < 2; i++) await dynamodb.send(new GetItemCommand({ TableName: names.usersTable, Key: { userId: { S: 'u' } } }));
      dynamodb.destroy();
      const named = stack.logs.filter((line) => line.includes('dynamodb:GetItem'));
      if (mode === 'off') {
        expect([named, stack.runtime.iam.usage()]).toEqual([[], []]);
      } else {
        expect(named).toEqual([expect.stringMatching(/^iam \(warn mode, allowed\): User: arn:aws:sts::000000000000:assumed-role\/.*\/users-fanout-dev-audit-log is not authorized to perform: dynamodb:GetItem on resource: .* because no identity-based policy allows the dynamodb:GetItem action; in AWS, and in enforce mode, this is refused$/)]);
        expect(stack.runtime.iam.denials()).toEqual([expect.objectContaining({ action: 'dynamodb:GetItem', enforced: false })]);
      }
    } finally {
      await stack.stop();
    }
  });
});
