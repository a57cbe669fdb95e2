import type { Logger } from '@aws-lambda-powertools/logger';
import type { SQSRecord } from 'aws-lambda';
import { InvalidEventError, parseUserCreatedEvent, type UserCreatedEvent } from '../shared/user-created-event';
import { DUPLICATE_SUPPRESSED } from './log-messages';
import type { WelcomeEmailOutcome } from './send-welcome-email';

/** `sendWelcomeEmail` behind the idempotency layer, keyed on the event's idempotency key only. */
export type IdempotentWelcomeEmail = (event: UserCreatedEvent, logger: Logger) => Promise<WelcomeEmailOutcome>;

/**
 * Handles one queue message: its body is a whole EventBridge event. Throwing marks this message (only) as failed,
 * so the queue redelivers it and, after its receive limit, moves it to the DLQ.
 */
export async function processWelcomeMessage(
  record: SQSRecord,
  sendOnce: IdempotentWelcomeEmail,
  logger: Logger,
): Promise<WelcomeEmailOutcome> {
  const event = parseMessage(record, logger);
  const recordLogger = logger.createChild();
  recordLogger.setCorrelationId(event.detail.metadata.idempotencyKey);
  const result = await sendOnce(event, recordLogger);
  const userId = event.detail.data.userId;
  if (result.replayed) {
    recordLogger.info(DUPLICATE_SUPPRESSED, { userId, outcome: result.outcome });
  }
  return result;
}

/** Logged here because the batch processor only reports the message id back to the queue. */
function parseMessage(record: SQSRecord, logger: Logger): UserCreatedEvent {
  try {
    return parseUserCreatedEvent(parseBody(record));
  } catch (error) {
    if (error instanceof InvalidEventError) logger.error('Invalid welcome email message', { messageId: record.messageId, reason: error.message });
    throw error;
  }
}

function parseBody(record: SQSRecord): unknown {
  try {
    return JSON.parse(record.body);
  } catch {
    throw new InvalidEventError('body is not JSON');
  }
}
