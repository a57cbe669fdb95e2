import type { Logger } from '@aws-lambda-powertools/logger';
import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { EmailHmac } from '../shared/email-hmac';
import { redactEmailAddresses } from '../shared/redact';
import type { UserCreatedEvent } from '../shared/user-created-event';
import { SEND_WILL_BE_RETRIED } from './log-messages';
import { classifySendFailure } from './send-failure';
import { welcomeMessage } from './welcome-message';

/**
 * Stored by the idempotency layer: a redelivered event gets this answer back, marked `replayed`, instead of a
 * second email.
 */
export type WelcomeEmailOutcome = ({ outcome: 'sent'; messageId: string } | { outcome: 'rejected'; reason: string }) & {
  replayed?: true;
};

export interface WelcomeEmailDependencies {
  ses: SESClient;
  senderEmail: string;
  /** The email pseudonym for log lines. */
  hashEmail: EmailHmac;
  /** Resolves when this instance may send again within its share of the SES quota. */
  waitForSendTurn: () => Promise<void>;
}

/**
 * Sends the welcome email. A permanent rejection is an outcome (recorded, not retried); any other failure is
 * thrown, so the message goes back to the queue and is retried.
 */
export async function sendWelcomeEmail(
  event: UserCreatedEvent,
  logger: Logger,
  deps: WelcomeEmailDependencies,
): Promise<WelcomeEmailOutcome> {
  const user = event.detail.data;
  const logFields = { userId: user.userId, emailHmac: await pseudonymForLogs(user.email, logger, deps.hashEmail) };
  await deps.waitForSendTurn();
  try {
    const response = await deps.ses.send(new SendEmailCommand(welcomeMessage(user, deps.senderEmail)));
    const messageId = response.MessageId ?? '';
    logger.info('Welcome email sent', { ...logFields, messageId });
    return { outcome: 'sent', messageId };
  } catch (error) {
    const failure = classifySendFailure(error);
    if (failure.permanent) {
      logger.warn('Welcome email rejected permanently; not retrying', { ...logFields, reason: failure.reason });
      return { outcome: 'rejected', reason: failure.reason };
    }
    const described = error instanceof Error ? `${error.name}: ${redactEmailAddresses(error.message)}` : 'unknown error';
    logger.warn(SEND_WILL_BE_RETRIED, { ...logFields, reason: described });
    // A new error without `cause`: the SDK's message may quote the recipient, and thrown errors end up in logs.
    throw new Error(`Sending the welcome email failed (${described})`);
  }
}

/**
 * The pseudonym only labels log lines, so a KMS failure must not hold up the email: the lines then go without it,
 * and one warning says why (the error's name only; KMS never echoes the message it was given).
 */
async function pseudonymForLogs(email: string, logger: Logger, hashEmail: EmailHmac): Promise<string | undefined> {
  try {
    return await hashEmail(email);
  } catch (error) {
    logger.warn('Email HMAC unavailable; logging without it', { reason: error instanceof Error ? error.name : 'unknown error' });
    return undefined;
  }
}
