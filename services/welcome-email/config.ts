import { z } from 'zod';
import { nonNegativeIntegerEnv, positiveIntegerEnv, requiredEnv } from '../shared/environment';

export interface WelcomeEmailConfig {
  senderEmail: string;
  idempotencyTableName: string;
  idempotencyTtlSeconds: number;
  /** The stage's KMS HMAC key, for the email pseudonym in log lines. */
  emailHmacKeyArn: string;
  /** Least time between the starts of two sends of this instance, derived by the stack from the SES quota. */
  minSendIntervalMs: number;
}

export function welcomeEmailConfigFromEnv(): WelcomeEmailConfig {
  const senderEmail = requiredEnv('SENDER_EMAIL');
  // A malformed sender would make SES reject every message as if each recipient were invalid.
  if (!z.email().safeParse(senderEmail).success) throw new Error('Environment variable SENDER_EMAIL is not an email address');
  return {
    senderEmail,
    idempotencyTableName: requiredEnv('IDEMPOTENCY_TABLE_NAME'),
    idempotencyTtlSeconds: positiveIntegerEnv('IDEMPOTENCY_TTL_SECONDS'),
    emailHmacKeyArn: requiredEnv('EMAIL_HMAC_KEY_ARN'),
    minSendIntervalMs: nonNegativeIntegerEnv('MIN_SEND_INTERVAL_MS'),
  };
}
