import { Logger } from '@aws-lambda-powertools/logger';
import { SQSClient } from '@aws-sdk/client-sqs';
import { pipesEnrichmentHandler } from '../shared/enrichment-handler';
import { requiredEnv } from '../shared/environment';
import { SDK_CLIENT_OPTIONS } from '../shared/sdk-client-options';
import { enrichBatch } from './enrich-batch';
import { parkRejectedUsers } from './park-rejected-users';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'enrich-user' });
const rejectedUsersQueueUrl = requiredEnv('REJECTED_USERS_QUEUE_URL');
const sqs = new SQSClient(SDK_CLIENT_OPTIONS);

/**
 * Enrichment of the user-created pipe: stream records in, `UserCreated` details out. The records that cannot become
 * events are parked in the rejected-users queue first, with their reason; only if that succeeds does the batch go on.
 */
export const handler = pipesEnrichmentHandler(async (batch) => {
  const { details, rejected } = enrichBatch(batch, logger);
  await parkRejectedUsers(sqs, rejectedUsersQueueUrl, rejected);
  return details;
});
