import { Duration } from 'aws-cdk-lib';

/**
 * One value in an EventBridge pattern array: an exact value, or an operator object such as
 * `{ prefix: 'a' }`, `{ suffix: '@example.com' }`, `{ 'anything-but': [...] }`, `{ numeric: ['>', 0] }`, `{ exists: true }`.
 */
export type PatternMatcher = string | number | boolean | null | { readonly [operator: string]: unknown };

/** A nested pattern over the event detail: each leaf is an array of matchers, combined with `$or` if needed. */
export interface DetailPattern {
  readonly [field: string]: readonly PatternMatcher[] | DetailPattern | readonly DetailPattern[];
}

/**
 * An EventBridge event pattern in its JSON form, exactly as AWS (and the local pattern engine) reads it.
 * `source` and `detail-type` are required so every subscriber is bound to a contract's exported constants.
 */
export interface SubscriberEventPattern {
  readonly source: readonly PatternMatcher[];
  readonly 'detail-type': readonly PatternMatcher[];
  readonly detail?: DetailPattern;
}

/**
 * What each event becomes before it reaches the subscriber: EventBridge's input transformer. Variables are taken
 * from the event by JSON path; the template is text (`"New user <userId>"`, quotes included) or a JSON object
 * (`{"user": <userId>}`), and may also use `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>` and the
 * other `aws.events` variables. A function or queue consumer then receives the transformed input, not the
 * envelope, so adapt `services/<name>/event.ts` to it.
 */
export interface InputTransformerOptions {
  /** Variable names (letters, digits, `_` and `-`) and the JSON path each one takes from the event. @default - none */
  readonly inputPathsMap?: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

/** How the rule hands each event to its target: in what form, and how hard it tries. Defaults are per delivery kind. */
export interface RuleTargetOptions {
  /**
   * Attempts to deliver an event to the target before it goes to the dead-letter queue.
   * @default 10
   */
  readonly retryAttempts?: number;
  /**
   * Age after which an undelivered event goes to the dead-letter queue.
   * @default Duration.hours(2)
   */
  readonly maxEventAge?: Duration;
  /** @default - the whole event, as EventBridge delivers it */
  readonly inputTransformer?: InputTransformerOptions;
}

/** Options of a delivery that runs a function from `services/`. */
export interface FunctionDeliveryOptions extends RuleTargetOptions {
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default 256 */
  readonly memorySize?: number;
}

/**
 * The rule invokes the function asynchronously. The rule's retries and DLQ cover handing the event to Lambda;
 * Lambda's own asynchronous retries and on-failure destination cover errors thrown by the function.
 * Both failure paths end in the subscriber's dead-letter queue.
 */
export interface DirectDelivery extends FunctionDeliveryOptions {
  readonly kind: 'direct';
  /**
   * Lambda's retries of a failed invocation (0 to 2).
   * @default 2
   */
  readonly asyncRetryAttempts?: number;
  /**
   * Age after which Lambda stops retrying and sends the event to the on-failure destination (1 minute to 6 hours).
   * @default Duration.hours(1)
   */
  readonly asyncMaxEventAge?: Duration;
}

/** Options of a delivery through an SQS queue. */
export interface QueueDeliveryOptions extends RuleTargetOptions {
  /**
   * Receives of a message before it moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * How long an unprocessed message is kept.
   * @default Duration.days(4)
   */
  readonly retentionPeriod?: Duration;
}

/**
 * The rule feeds an encrypted queue that the function consumes in batches, reporting failed messages
 * individually. The queue absorbs bursts; the concurrency cap keeps calls within a downstream quota.
 * The right choice for anything that calls a rate-limited service.
 */
export interface QueuedDelivery extends FunctionDeliveryOptions, QueueDeliveryOptions {
  readonly kind: 'queued';
  /**
   * Most concurrent function instances the queue may drive (at least 2, an SQS event source minimum).
   * @default 2
   */
  readonly maxConcurrency?: number;
  /**
   * Messages per invocation.
   * @default 10
   */
  readonly batchSize?: number;
}

/** The rule feeds an encrypted queue that another team consumes; no function here. */
export interface QueueOnlyDelivery extends QueueDeliveryOptions {
  readonly kind: 'queue-only';
  /**
   * ARNs of the IAM roles that consume the queue. The queue's policy lets them receive and delete messages, and its
   * key's policy lets them decrypt; no one else but the operators can read the queue.
   * @default - none yet: only operators can read the queue until the consumers are named here
   */
  readonly consumers?: readonly string[];
}

/** A value given at deploy rather than written here: a CDK context value (`-c name=value`), or a Secrets Manager secret. */
export type WebhookSecret =
  /** Kept in the synthesized template, which is never committed (`cdk.out` and `cdk.context.json` are ignored). */
  | { readonly context: string }
  /** Resolved by CloudFormation at deploy; `npm start -- --secret <name>=<value>` gives it locally. */
  | { readonly secretsManager: string; readonly jsonField?: string };

/** How the endpoint authenticates EventBridge's calls; the secret part is given at deploy, never committed. */
export type WebhookAuth =
  | { readonly type: 'apiKey'; readonly headerName: string; readonly key: WebhookSecret }
  | { readonly type: 'basic'; readonly username: string; readonly password: WebhookSecret }
  | { readonly type: 'oauthClientCredentials'; readonly authorizationEndpoint: string; readonly clientId: string; readonly clientSecret: WebhookSecret };

/**
 * The rule POSTs each event to an HTTPS endpoint (a CRM, a chat webhook) through an EventBridge API destination,
 * with EventBridge's retries (5xx, 429, timeouts) and then the dead-letter queue. No function here.
 */
export interface WebhookDelivery extends RuleTargetOptions {
  readonly kind: 'webhook';
  /**
   * The URL events go to, or the CDK context value that names it per stage. A context value may fall back on a
   * `default`, which every stage but `prod` uses when the value is absent: a loopback `http://127.0.0.1:<port>/...`
   * lets `npm start` deliver to a local server (AWS itself accepts only https).
   */
  readonly endpoint: string | { readonly context: string; readonly default?: string };
  readonly auth: WebhookAuth;
  /** @default 'POST' */
  readonly httpMethod?: 'POST' | 'PUT' | 'PATCH';
  /**
   * Most calls a second; events beyond it wait their turn.
   * @default 10
   */
  readonly rateLimitPerSecond?: number;
}

export type Delivery = DirectDelivery | QueuedDelivery | QueueOnlyDelivery | WebhookDelivery;
export type DeliveryKind = Delivery['kind'];

/**
 * Named permissions and resources a subscriber's function may be given. Each adds its grants and environment:
 * - `sendEmail`: `ses:SendEmail` as the configured sender (`ses:FromAddress`); `SENDER_EMAIL`. Queued delivery only:
 *   `MIN_SEND_INTERVAL_MS` paces each instance so that `maxConcurrency` of them stay within the stage's SES rate
 *   (`-c sesMaxSendRate`, shared among the subscribers that send email); synthesis fails if a paced batch would
 *   take more than half the timeout.
 * - `idempotencyTable`: a Powertools idempotency table of its own, with an expiry longer than any redelivery;
 *   `IDEMPOTENCY_TABLE_NAME`, `IDEMPOTENCY_TTL_SECONDS`.
 * - `auditTable`: `dynamodb:PutItem` on the audit log table; `AUDIT_TABLE_NAME`.
 * - `emailHmac`: `kms:GenerateMac` with the stage's HMAC key, for pseudonyms of email addresses in records and log
 *   lines (never the address); `EMAIL_HMAC_KEY_ARN`.
 */
export type Capability = 'sendEmail' | 'idempotencyTable' | 'auditTable' | 'emailHmac';

/** One subscriber of the bus: everything the stack needs to build its delivery path. */
export interface SubscriberEntry {
  /** Lower-case kebab-case, unique; used in every physical name of the subscriber. */
  readonly name: string;
  /** What the subscriber does, shown on its rule. */
  readonly description: string;
  readonly eventPattern: SubscriberEventPattern;
  readonly delivery: Delivery;
  /**
   * The folder under `services/` whose `handler.ts` runs. Only for `direct` and `queued`.
   * @default - the subscriber's name
   */
  readonly service?: string;
  /** Only for `direct` and `queued`. @default - none: the function may only write its logs */
  readonly needs?: readonly Capability[];
  /** File names in `events/samples/` that the pattern must not match; checked by the contract tests. */
  readonly mustNotMatch?: readonly string[];
}
