/**
 * Deployment configuration read from CDK context (`-c stage=prod -c senderEmail=hello@example.org`).
 * Validated up front so a typo fails `cdk synth` with a message naming the bad value, not a deploy error later.
 */
export interface AppConfig {
  /** Lower-case stage name used in every physical name, e.g. `dev`, `prod`. */
  readonly stage: string;
  /** Verified SES identity the welcome email is sent from. */
  readonly senderEmail: string;
  /** Optional address subscribed to the operator alarm topic. */
  readonly alarmEmail?: string;
}

export const DEFAULT_STAGE = 'dev';
export const DEFAULT_SENDER_EMAIL = 'welcome@example.com';
export const PRODUCTION_STAGE = 'prod';

// Physical names are built as `users-fanout-<stage>-<resource>`; SQS caps names at 80 characters.
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
// Deliberately simple: SES verifies the identity itself; this only catches obvious mistakes early.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads a context value the way `tryGetContext` returns it: anything, or undefined when absent. */
export type ContextReader = (key: string) => unknown;

export function readAppConfig(readContext: ContextReader): AppConfig {
  const stage = optionalString(readContext, 'stage') ?? DEFAULT_STAGE;
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(
      `Invalid context value stage=${JSON.stringify(stage)}: use 1-16 characters, lower-case letters, digits and '-', starting with a letter`,
    );
  }
  const senderEmail = optionalString(readContext, 'senderEmail') ?? DEFAULT_SENDER_EMAIL;
  if (!EMAIL_PATTERN.test(senderEmail)) {
    throw new Error(`Invalid context value senderEmail=${JSON.stringify(senderEmail)}: expected an email address such as welcome@example.com`);
  }
  const alarmEmail = optionalString(readContext, 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL_PATTERN.test(alarmEmail)) {
    throw new Error(`Invalid context value alarmEmail=${JSON.stringify(alarmEmail)}: expected an email address for alarm notifications`);
  }
  return { stage, senderEmail, ...(alarmEmail === undefined ? {} : { alarmEmail }) };
}

function optionalString(readContext: ContextReader, key: string): string | undefined {
  const value = readContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new Error(`Invalid context value ${key}=${JSON.stringify(value)}: expected a string`);
  }
  return value;
}
