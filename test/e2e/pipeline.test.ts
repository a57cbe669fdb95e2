import { DeleteItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetQueueUrlCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { localOperatorCredentials } from '../../scripts/aws-target/local-operator';
import { type InProcessRuntime, startInProcessRuntime } from '../../support/in-process-runtime';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../support/local-defaults';
import { auditRecordsOf } from '../../support/observers/audit-log';
import { mailTo } from '../../support/observers/mail';
import { PROJECT_DIR } from '../../support/project';
import { stackNames } from '../../support/stack-names';
import { userItem } from '../../support/users';
import { waitFor } from '../../support/waiting';

const names = stackNames();

/**
 * The whole pipeline through the real local endpoint with real SDK clients: a write to the users table
 * flows through the stream, the pipe and its enrichment, the bus and both subscribers.
 */
describe('local pipeline, end to end', () => {
  let stack: InProcessRuntime;

  beforeAll(async () => {
    stack = await startInProcessRuntime();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const auditRecords = (userId: string) => auditRecordsOf(stack.clients.dynamodb, names.auditLogTable, userId);

  const insert = (userId: string, email: string | undefined): Promise<unknown> =>
    stack.clients.dynamodb.send(new PutItemCommand({ TableName: names.usersTable, Item: userItem({ userId, email }) }));

  const waitForMail = (address: string): Promise<unknown> =>
    waitFor(`the welcome email to ${address}`, async () => ((await mailTo(stack.endpoint, address)).length > 0 ? true : undefined));

  test('inserting a user sends exactly one welcome email to that address and writes one audit record', async () => {
    await insert('e2e-insert', 'e2e-insert@example.com');

    await waitForMail('e2e-insert@example.com');
    await waitFor('the audit record', async () => ((await auditRecords('e2e-insert')).length > 0 ? true : undefined));
    // A later user's mail proves everything before it in the stream has been through the pipeline.
    await insert('e2e-insert-sentinel', 'e2e-insert-sentinel@example.com');
    await waitForMail('e2e-insert-sentinel@example.com');

    const mail = await mailTo(stack.endpoint, 'e2e-insert@example.com');
    expect(mail).toHaveLength(1);
    expect(mail[0].Subject).toContain('Ada');
    expect(mail[0].Body.html_part).toContain('Ada');
    const audit = await auditRecords('e2e-insert');
    expect(audit).toHaveLength(1);
    expect(audit[0].detailType).toEqual({ S: 'UserCreated' });
    expect(JSON.stringify(audit[0])).not.toContain('e2e-insert@example.com');
    // The keyed hash, computed by the local KMS under the stage's HMAC key, as an operator would look it up.
    // As an operator looks it up: the HMAC key's policy lets the functions and the operator role use it, not the administrator.
    const kms = new KMSClient({ endpoint: stack.endpoint, region: LOCAL_REGION, credentials: localOperatorCredentials('dev', 'e2e-tests') });
    try {
      const { Mac } = await kms.send(new GenerateMacCommand({ KeyId: names.emailHmacKeyAlias, MacAlgorithm: 'HMAC_SHA_256', Message: Buffer.from('e2e-insert@example.com') }));
      expect(audit[0].emailHmac).toEqual({ S: Buffer.from(Mac!).toString('hex') });
      expect(audit[0]).not.toHaveProperty('emailSha256');
    } finally {
      kms.destroy();
    }
  });

  test('MODIFY and REMOVE records send no email and write no audit record', async () => {
    await insert('e2e-modify', 'e2e-modify@example.com');
    await waitForMail('e2e-modify@example.com');

    await stack.clients.dynamodb.send(
      new UpdateItemCommand({
        TableName: names.usersTable,
        Key: { userId: { S: 'e2e-modify' } },
        UpdateExpression: 'SET givenName = :g',
        ExpressionAttributeValues: { ':g': { S: 'Augusta' } },
      }),
    );
    await stack.clients.dynamodb.send(new DeleteItemCommand({ TableName: names.usersTable, Key: { userId: { S: 'e2e-modify' } } }));
    await insert('e2e-modify-sentinel', 'e2e-modify-sentinel@example.com');
    await waitForMail('e2e-modify-sentinel@example.com');
    await waitFor('the sentinel audit record', async () => ((await auditRecords('e2e-modify-sentinel')).length > 0 ? true : undefined));

    expect(await mailTo(stack.endpoint, 'e2e-modify@example.com')).toHaveLength(1);
    expect(await auditRecords('e2e-modify')).toHaveLength(1);
  });

  test('the sample event sent with put-events sends an email', async () => {
    const entries = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'events/samples/user-created.json'), 'utf8')) as PutEventsRequestEntry[];
    const recipients = entries.map((entry) => (JSON.parse(entry.Detail as string) as { data: { email: string } }).data.email);

    const result = await stack.clients.eventBridge.send(new PutEventsCommand({ Entries: entries }));

    expect(result.FailedEntryCount).toBe(0);
    for (const address of recipients) await waitForMail(address);
  });

  test('a forged UserCreated from a non-pipe principal is refused', async () => {
    const [sample] = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'events/samples/user-created.json'), 'utf8')) as PutEventsRequestEntry[];
    const detail = JSON.parse(sample.Detail as string) as { metadata: Record<string, string>; data: Record<string, unknown> };
    const forged = (userId: string): PutEventsRequestEntry => ({
      ...sample,
      Detail: JSON.stringify({ metadata: { ...detail.metadata, idempotencyKey: `user-created:${userId}` }, data: { ...detail.data, userId, email: `${userId}@example.com` } }),
    });
    const bus = 'arn:aws:events:us-east-1:000000000000:event-bus/users-fanout-dev';
    const asAdministrator = new EventBridgeClient({ endpoint: stack.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const welcomeEmail = stack.runtime.model.functions.find((fn) => fn.name === names.functions.welcomeEmail);
    const asFunction = new EventBridgeClient({
      endpoint: stack.endpoint,
      region: LOCAL_REGION,
      credentials: stack.runtime.iam.callers.credentialsFor(welcomeEmail?.roleArn as string, names.functions.welcomeEmail),
    });
    try {
      // The local administrator (any credentials but a role's) holds AdministratorAccess; the bus policy's Deny still wins.
      const refused = await asAdministrator.send(new PutEventsCommand({ Entries: [forged('e2e-forged-admin')] }));
      expect(refused.FailedEntryCount).toBe(1);
      expect(refused.Entries?.[0]).toEqual({
        ErrorCode: 'NotAuthorizedForSourceException',
        ErrorMessage: `User: arn:aws:iam::000000000000:user/local-admin is not authorized to perform: events:PutEvents on resource: ${bus} with an explicit deny in a resource-based policy`,
      });
      // A function's role that was never granted events:PutEvents is refused the whole call.
      await expect(asFunction.send(new PutEventsCommand({ Entries: [forged('e2e-forged-function')] }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: expect.stringContaining(`is not authorized to perform: events:PutEvents on resource: ${bus} because no identity-based policy allows the events:PutEvents action`),
      });
    } finally {
      asAdministrator.destroy();
      asFunction.destroy();
    }

    await insert('e2e-forged-sentinel', 'e2e-forged-sentinel@example.com');
    await waitForMail('e2e-forged-sentinel@example.com');
    expect(await mailTo(stack.endpoint, 'e2e-forged-admin@example.com')).toHaveLength(0);
    expect(await mailTo(stack.endpoint, 'e2e-forged-function@example.com')).toHaveLength(0);
  });

  interface RejectedBody {
    reason: string;
    record: { dynamodb: { Keys: Record<string, { S: string }> } & Record<string, unknown> };
  }

  test('an invalid user sends nothing and is kept, by its keys and with its reason, in the rejected-users queue', async () => {
    await insert('e2e-invalid', 'not-an-email');
    await insert('e2e-invalid-sentinel', 'e2e-invalid-sentinel@example.com');
    await waitForMail('e2e-invalid-sentinel@example.com');

    const { QueueUrl } = await stack.clients.sqs.send(new GetQueueUrlCommand({ QueueName: names.deadLetterQueues.rejectedUsers }));
    const rejected = await waitFor('the rejected record', async () => {
      const received = await stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      const messages = (received.Messages ?? []).map((message) => message.Body as string);
      const found = messages.find((body) => (JSON.parse(body) as RejectedBody).record.dynamodb.Keys.userId.S === 'e2e-invalid');
      return found === undefined ? undefined : { text: found, body: JSON.parse(found) as RejectedBody };
    });

    expect(rejected.body.reason).toMatch(/email/i);
    // The image, with the address, stays in the users table: the queue holds the keys and the reason only.
    expect(rejected.body.record.dynamodb).not.toHaveProperty('NewImage');
    expect(rejected.text).not.toContain('not-an-email');
    expect(await mailTo(stack.endpoint, 'not-an-email')).toHaveLength(0);
    expect(await auditRecords('e2e-invalid')).toHaveLength(0);
  });

  test('local IAM refused nothing but the forged events: every grant the pipeline uses is in the template', () => {
    const refused = stack.runtime.iam.denials().map((denial) => `${denial.principal} ${denial.action}`);
    expect(refused.sort()).toEqual([
      'arn:aws:iam::000000000000:user/local-admin events:PutEvents',
      expect.stringMatching(/^arn:aws:sts::000000000000:assumed-role\/UsersFanout-dev-WelcomeEmailHandlerRole[^/]+\/users-fanout-dev-welcome-email events:PutEvents$/),
    ]);
  });

  test('no log line carries a user email address', () => {
    expect(stack.logs.length).toBeGreaterThan(0);
    const leaking = stack.logs.filter((line) => /e2e-[a-z-]+@example\.com|not-an-email/.test(line));
    expect(leaking).toEqual([]);
  });
});
