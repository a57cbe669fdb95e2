import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import type { Context } from 'aws-lambda';
import { emailHmac } from '../shared/email-hmac';
import { requiredEnv } from '../shared/environment';
import { SDK_CLIENT_OPTIONS } from '../shared/sdk-client-options';
import { InvalidEventError, parseUserCreatedEvent, type UserCreatedEvent } from '../shared/user-created-event';
import { auditRecordFor } from './audit-record';
import { REDELIVERY_IGNORED } from './log-messages';
import { writeAuditRecord, type AuditWriteResult } from './write-audit-record';

const tableName = requiredEnv('AUDIT_TABLE_NAME');
const hashEmail = emailHmac(new KMSClient(SDK_CLIENT_OPTIONS), requiredEnv('EMAIL_HMAC_KEY_ARN'));
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'audit-log' });
const dynamodb = new DynamoDBClient(SDK_CLIENT_OPTIONS);

/**
 * Invoked asynchronously by the rule with one EventBridge event. An event that breaks the contract throws, so
 * Lambda's asynchronous retries and then the on-failure destination keep it for an operator; so does a KMS or
 * DynamoDB failure, since a record without its email HMAC would be incomplete.
 */
export const handler = async (event: unknown, context: Context): Promise<AuditWriteResult> => {
  logger.addContext(context);
  const userCreated = parseOrReport(event);
  const recordLogger = logger.createChild();
  recordLogger.setCorrelationId(userCreated.detail.metadata.idempotencyKey);
  const record = auditRecordFor(userCreated, new Date(), await hashEmail(userCreated.detail.data.email));
  const result = await writeAuditRecord(dynamodb, tableName, record);
  const fields = { userId: record.userId, eventId: record.eventId };
  if (result === 'duplicate') recordLogger.info(REDELIVERY_IGNORED, fields);
  else recordLogger.info('Audit record written', fields);
  return result;
};

function parseOrReport(event: unknown): UserCreatedEvent {
  try {
    return parseUserCreatedEvent(event);
  } catch (error) {
    if (error instanceof InvalidEventError) logger.error('Invalid audit event; failing so the on-failure destination keeps it', { reason: error.message });
    throw error;
  }
}
