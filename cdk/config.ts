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
  /**
   * IAM role or user ARNs (IAM's `*` wildcards allowed) that may publish `users-fanout.users` events besides the
   * pipe and the operators, so the people who test can use `npm run put-events`. Never in `prod`.
   */
  readonly testEventSenders: readonly string[];
  /**
   * The account's SES sending rate in this Region (SES's `MaxSendRate`, emails a second), which the functions that
   * send email share: their concurrency and pace are derived from it. `aws sesv2 get-account` shows it as
   * `SendQuota.MaxSendRate`. In the SES sandbox it is 1; out of it, AWS sets it per account.
   * @default DEFAULT_SES_MAX_SEND_RATE (50)
   */
  readonly sesMaxSendRate: number;
}

export const DEFAULT_STAGE = 'dev';
export const DEFAULT_SENDER_EMAIL = 'welcome@example.com';
export const PRODUCTION_STAGE = 'prod';
/**
 * An assumed production quota: AWS publishes no fixed one out of the sandbox. An account still in the sandbox
 * (1 email a second) deploys with `-c sesMaxSendRate=1`.
 */
export const DEFAULT_SES_MAX_SEND_RATE = 50;

// Physical names are built as `users-fanout-<stage>-<resource>`; SQS caps names at 80 characters.
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
// Deliberately simple: SES verifies the identity itself; this only catches obvious mistakes early.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// What `aws:PrincipalArn` is compared with: an IAM role or user (an assumed role's session reports its role).
const PRINCIPAL_ARN_PATTERN = /^arn:aws[a-z-]*:iam::(\d{12}|\*):(role|user)\/\S+$/;

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
  const testEventSenders = principalArns(readContext, 'testEventSenders');
  if (stage === PRODUCTION_STAGE && testEventSenders.length > 0) {
    throw new Error(
      `Invalid context value testEventSenders for stage ${PRODUCTION_STAGE}: in production only the pipe and the operators' redrive may publish users-fanout.users events, so real emails are never sent on a test's behalf`,
    );
  }
  const sesMaxSendRate = positiveNumber(readContext, 'sesMaxSendRate') ?? DEFAULT_SES_MAX_SEND_RATE;
  return { stage, senderEmail, ...(alarmEmail === undefined ? {} : { alarmEmail }), testEventSenders, sesMaxSendRate };
}

/** A number given as `-c key=1.5` (a string) or in cdk.json (a number). */
function positiveNumber(readContext: ContextReader, key: string): number | undefined {
  const value = readContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) {
    throw new Error(`Invalid context value ${key}=${JSON.stringify(value)}: expected a positive number of emails a second, such as 1 in the SES sandbox`);
  }
  return number;
}

/** A list given as `-c key=a,b` (a string) or in cdk.json (an array). */
function principalArns(readContext: ContextReader, key: string): string[] {
  const value = readContext(key);
  if (value === undefined || value === null || value === '') return [];
  const items = typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : value;
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    throw new Error(`Invalid context value ${key}=${JSON.stringify(value)}: expected comma-separated IAM role or user ARNs`);
  }
  const invalid = items.find((item: string) => !PRINCIPAL_ARN_PATTERN.test(item));
  if (invalid !== undefined) {
    throw new Error(`Invalid context value ${key}: ${JSON.stringify(invalid)} is not an IAM role or user ARN such as arn:aws:iam::123456789012:role/tester`);
  }
  return items as string[];
}

function optionalString(readContext: ContextReader, key: string): string | undefined {
  const value = readContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new Error(`Invalid context value ${key}=${JSON.stringify(value)}: expected a string`);
  }
  return value;
}
