import { CreateTableCommand, DescribeTableCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand } from '@aws-sdk/client-ses';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SCHEMA_VERSION, USER_CREATED_SOURCE } from '../../events/user-created';
import { auditRecordFor } from '../../services/audit-log/audit-record';
import { emailHmac } from '../../services/shared/email-hmac';
import type { UserCreatedEvent } from '../../services/shared/user-created-event';
import { welcomeMessage } from '../../services/welcome-email/welcome-message';
import { roleCredentials } from '../../local/iam/credentials';
import { loadLocalModel } from '../../local/template';
import type { AwsClients } from '../../support/aws-clients';
import { LOCAL_REGION } from '../../support/local-defaults';
import { forEachConcurrently } from '../../support/concurrency';
import { CDK_OUT } from '../../support/project';
import { stackNames } from '../../support/stack-names';
import { waitFor } from '../../support/waiting';
import { benchClients, STALL_LIMIT_MS, startBenchRuntime } from './bench-runtime';
import { startCpuMeter, type CpuPerUser } from './cpu-meter';
import { progress } from './progress';
import { StallWatchdog } from './stall-watchdog';
import { benchUsers, insertUser, type BenchUser } from './users';

export interface FloorResult {
  perSecond: number;
  peakRssBytes: number | undefined;
  cpu: CpuPerUser;
}

/**
 * The floor of the work: per user, the AWS calls the pipeline makes, issued straight at a fresh runtime with
 * nothing between them. The insert goes to a table made here with the users table's key and no stream, so it
 * costs what the insert costs without setting off the pipeline.
 */
const FLOOR_USERS_TABLE = 'users-fanout-bench-floor-users';
/** Powertools' in-progress expiry: the function's timeout. */
const IN_PROGRESS_LIMIT_MS = 10_000;

/** Who makes each call, as in the pipeline: the insert is a person's; the rest each function's, as its role. */
interface FloorCallers {
  admin: AwsClients;
  welcomeEmail: AwsClients;
  auditLog: AwsClients;
}

/** The functions' execution roles, read from the cdk.out the runtime runs, so the calls are authorized as theirs. */
function floorCallers(endpoint: string, concurrency: number): FloorCallers {
  const model = loadLocalModel({ cdkOutDir: CDK_OUT, endpoint, region: LOCAL_REGION, account: '000000000000' });
  const asFunction = (name: string): AwsClients => {
    const roleArn = model.functions.find((fn) => fn.name === name)?.roleArn;
    if (roleArn === undefined) throw new Error(`The bench floor needs function ${name} and its role in cdk.out`);
    return benchClients(endpoint, concurrency, roleCredentials(roleArn, name));
  };
  const { functions } = stackNames();
  return { admin: benchClients(endpoint, concurrency), welcomeEmail: asFunction(functions.welcomeEmail), auditLog: asFunction(functions.auditLog) };
}

/** What the welcome-email function is configured with, read from its environment in the synthesized template. */
function welcomeEmailSettings() {
  const environment = stackNames().welcomeEmailEnvironment;
  return {
    senderEmail: environment.SENDER_EMAIL,
    idempotencyTable: environment.IDEMPOTENCY_TABLE_NAME,
    idempotencyTtlSeconds: Number(environment.IDEMPOTENCY_TTL_SECONDS),
    /** The stage's KMS HMAC key, for the email pseudonym in log lines and the audit record. */
    emailHmacKeyArn: environment.EMAIL_HMAC_KEY_ARN,
  };
}
type WelcomeEmailSettings = ReturnType<typeof welcomeEmailSettings>;

export async function runFloor(assemblyDir: string, userCount: number, concurrency: number): Promise<FloorResult> {
  progress('floor: starting a fresh runtime (npm start -- --in-memory --assembly, at the raised SES quota)');
  const runtime = await startBenchRuntime({ assemblyDir });
  const callers = floorCallers(runtime.endpoint, concurrency);
  const settings = welcomeEmailSettings();
  let done = 0;
  const watchdog = new StallWatchdog(STALL_LIMIT_MS, () => `${done}/${userCount} users' calls made`);
  const ticker = setInterval(() => progress(`floor: ${done}/${userCount} users' calls made`), 2_000);
  try {
    await createFloorUsersTable(callers.admin);
    const users = benchUsers(`floor-${Date.now().toString(36)}`, userCount);
    progress(`floor: making each user's 7 calls directly, ${concurrency} users at a time`);
    const startedAt = performance.now();
    const cpuMeter = startCpuMeter(runtime.runtimePid);
    await Promise.race([
      forEachConcurrently(users, concurrency, async (user) => {
        await callsOfOneUser(callers, settings, user);
        done++;
        watchdog.progressed();
      }),
      watchdog.failure,
      runtime.unexpectedExit,
    ]);
    const perSecond = userCount / ((performance.now() - startedAt) / 1000);
    return { perSecond, peakRssBytes: runtime.peakRssBytes(), cpu: cpuMeter.stop(userCount) };
  } finally {
    clearInterval(ticker);
    watchdog.stop();
    for (const clients of Object.values(callers)) clients.destroy();
    await runtime.stop();
  }
}

async function createFloorUsersTable(clients: AwsClients): Promise<void> {
  await clients.dynamodb.send(
    new CreateTableCommand({
      TableName: FLOOR_USERS_TABLE,
      KeySchema: [{ AttributeName: 'userId', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'userId', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  let status: string | undefined;
  await waitFor(
    `${FLOOR_USERS_TABLE} to be ACTIVE`,
    async () => {
      status = (await clients.dynamodb.send(new DescribeTableCommand({ TableName: FLOOR_USERS_TABLE }))).Table?.TableStatus;
      return status === 'ACTIVE';
    },
    { timeoutMs: 30_000, intervalMs: 100, lastSeen: () => `status ${status}` },
  );
}

/**
 * In the pipeline's order: the insert; the welcome email's idempotency record taken (Powertools' conditional
 * PutItem), the email's HMAC for its log lines, the email sent, the record completed (its UpdateItem); the audit
 * record's email HMAC and conditional put.
 */
async function callsOfOneUser(callers: FloorCallers, settings: WelcomeEmailSettings, user: BenchUser): Promise<void> {
  await insertUser(callers.admin.dynamodb, user, FLOOR_USERS_TABLE);
  const event = userCreatedEvent(user);
  const welcome = callers.welcomeEmail;
  const idempotencyId = `welcome-email#${createHash('md5').update(JSON.stringify(event.detail.metadata.idempotencyKey)).digest('base64')}`;
  await takeIdempotencyRecord(welcome, settings, idempotencyId);
  await emailHmac(welcome.kms, settings.emailHmacKeyArn)(user.email);
  const sent = await welcome.ses.send(new SendEmailCommand(welcomeMessage(event.detail.data, settings.senderEmail)));
  await completeIdempotencyRecord(welcome, settings, idempotencyId, JSON.stringify({ outcome: 'sent', messageId: sent.MessageId ?? '' }));
  await callers.auditLog.documents.send(
    new PutCommand({
      TableName: stackNames().auditLogTable,
      Item: auditRecordFor(event, new Date(), await emailHmac(callers.auditLog.kms, settings.emailHmacKeyArn)(user.email)),
      ConditionExpression: 'attribute_not_exists(eventId)',
    }),
  );
}

/** The request Powertools' DynamoDBPersistenceLayer makes before running the handler. */
function takeIdempotencyRecord(clients: AwsClients, settings: WelcomeEmailSettings, id: string): Promise<unknown> {
  const now = Date.now();
  return clients.dynamodb.send(
    new PutItemCommand({
      TableName: settings.idempotencyTable,
      Item: {
        id: { S: id },
        expiration: { N: String(Math.floor(now / 1000) + settings.idempotencyTtlSeconds) },
        status: { S: 'INPROGRESS' },
        in_progress_expiration: { N: String(now + IN_PROGRESS_LIMIT_MS) },
      },
      ExpressionAttributeNames: { '#id': 'id', '#expiry': 'expiration', '#in_progress_expiry': 'in_progress_expiration', '#status': 'status' },
      ExpressionAttributeValues: { ':now': { N: String(now / 1000) }, ':now_in_millis': { N: String(now) }, ':inprogress': { S: 'INPROGRESS' } },
      ConditionExpression:
        'attribute_not_exists(#id) OR #expiry < :now OR (#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }),
  );
}

/** The request Powertools makes after the handler returned, storing its result. */
function completeIdempotencyRecord(clients: AwsClients, settings: WelcomeEmailSettings, id: string, responseJson: string): Promise<unknown> {
  return clients.dynamodb.send(
    new UpdateItemCommand({
      TableName: settings.idempotencyTable,
      Key: { id: { S: id } },
      UpdateExpression: 'SET #expiry = :expiry, #status = :status, #response_data = :response_data',
      ExpressionAttributeNames: { '#expiry': 'expiration', '#status': 'status', '#response_data': 'data' },
      ExpressionAttributeValues: {
        ':expiry': { N: String(Math.floor(Date.now() / 1000) + settings.idempotencyTtlSeconds) },
        ':status': { S: 'COMPLETED' },
        ':response_data': { S: responseJson },
      },
    }),
  );
}

/** The event the handlers would receive for this user, so the requests carry the same payloads. */
function userCreatedEvent(user: BenchUser): UserCreatedEvent {
  const streamEventId = randomUUID();
  const now = new Date().toISOString();
  return {
    version: '0',
    id: randomUUID(),
    account: '000000000000',
    region: LOCAL_REGION,
    time: now,
    resources: [],
    source: USER_CREATED_SOURCE,
    'detail-type': USER_CREATED_DETAIL_TYPE,
    detail: {
      metadata: { eventId: randomUUID(), idempotencyKey: `user-created:${streamEventId}`, occurredAt: now, schemaVersion: USER_CREATED_SCHEMA_VERSION },
      data: { userId: user.userId, email: user.email, givenName: user.givenName, createdAt: user.createdAt },
    },
  };
}
