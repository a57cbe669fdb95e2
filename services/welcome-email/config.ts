import { z } from 'zod';
import { positiveIntegerEnv, requiredEnv } from '../shared/environment';

export interface WelcomeEmailConfig {
  senderEmail: string;
  idempotencyTableName: string;
  idempotencyTtlSeconds: number;
}

export function welcomeEmailConfigFromEnv(): WelcomeEmailConfig {
  const senderEmail = requiredEnv('SENDER_EMAIL');
  // A malformed sender would make SES reject every message as if each recipient were invalid.
  if (!z.email().safeParse(senderEmail).success) throw new Error('Environment variable SENDER_EMAIL is not an email address');
  return {
    senderEmail,
    idempotencyTableName: requiredEnv('IDEMPOTENCY_TABLE_NAME'),
    idempotencyTtlSeconds: positiveIntegerEnv('IDEMPOTENCY_TTL_SECONDS'),
  };
}
