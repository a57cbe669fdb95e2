import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { KMSClient } from '@aws-sdk/client-kms';
import { SESClient } from '@aws-sdk/client-ses';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { emailHmac } from '../shared/email-hmac';
import { SDK_CLIENT_OPTIONS } from '../shared/sdk-client-options';
import { createSendLock } from '../shared/send-lock';
import { createSendPacer } from '../shared/send-pacer';
import type { UserCreatedEvent } from '../shared/user-created-event';
import { welcomeEmailConfigFromEnv } from './config';
import { processWelcomeMessage } from './process-message';
import { sendWelcomeEmail, type WelcomeEmailOutcome } from './send-welcome-email';

const config = welcomeEmailConfigFromEnv();
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'welcome-email' });
// One attempt per send: the queue retries a failed message. SDK retries would back off inside the function, so a
// throttled batch, sent one at a time, could outrun its timeout; and a send retried after a lost answer could
// deliver a second email.
const ses = new SESClient({ ...SDK_CLIENT_OPTIONS, maxAttempts: 1 });
const hashEmail = emailHmac(new KMSClient(SDK_CLIENT_OPTIONS), config.emailHmacKeyArn);
// Module scope: the lock and the pace hold across the invocations a warm instance serves, not only within one batch.
const sendLock = createSendLock();
const paceSends = createSendPacer(config.minSendIntervalMs);

const idempotencyConfig = new IdempotencyConfig({
  eventKeyJmesPath: 'detail.metadata.idempotencyKey',
  expiresAfterSeconds: config.idempotencyTtlSeconds,
  throwOnNoIdempotencyKey: true,
  responseHook: (response) => ({ ...(response as WelcomeEmailOutcome), replayed: true }),
});

const sendOnce = makeIdempotent(
  (event: UserCreatedEvent, recordLogger: Logger, waitForSendTurn: () => Promise<void>) =>
    sendWelcomeEmail(event, recordLogger, { ses, senderEmail: config.senderEmail, hashEmail, waitForSendTurn }),
  {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: config.idempotencyTableName, clientConfig: SDK_CLIENT_OPTIONS }),
    config: idempotencyConfig,
    dataIndexArgument: 0,
    // A fixed prefix instead of the default (the function's physical name): a replaced function keeps its records.
    keyPrefix: 'welcome-email',
  },
);

const processor = new BatchProcessor(EventType.SQS);

/**
 * One message. Its send takes the instance's send lock and keeps it until the idempotency layer has recorded the
 * outcome (or removed the in-progress record of a failed send): SES has no idempotency token, so a sandbox that
 * dies has at most one email SES may have accepted without a record saying so, which a redelivery would send again.
 * Everything before the send (the idempotency check, the pseudonym) overlaps with the other messages of the batch.
 */
async function processRecord(record: SQSRecord): Promise<WelcomeEmailOutcome> {
  let release: (() => void) | undefined;
  const waitForSendTurn = async (): Promise<void> => {
    release = await sendLock();
    await paceSends();
  };
  try {
    return await processWelcomeMessage(record, (event, recordLogger) => sendOnce(event, recordLogger, waitForSendTurn), logger);
  } finally {
    release?.();
  }
}

/** SQS batch of EventBridge `UserCreated` events -> one welcome email per user; failed messages are reported back. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  idempotencyConfig.registerLambdaContext(context);
  return processPartialResponse(
    event,
    processRecord,
    processor,
    // In parallel, with one send at a time (processRecord's lock). Report every failure as a batch item failure
    // rather than throwing: the thrown error would be logged by the runtime.
    { context, throwOnFullBatchFailure: false, processInParallel: true },
  );
};
