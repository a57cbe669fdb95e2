import { Duration, SecretValue } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { PRODUCTION_STAGE } from '../config';
import { acknowledgeNoDeadLetterQueue } from '../constructs/nag';
import { OperatorQueue } from '../constructs/secure-queue';
import { WebhookAuth, WebhookDelivery, WebhookSecret } from './subscriber-entry';
import { ruleTargetRetries } from './redelivery';
import { targetInput } from './target-input';

export interface WebhookSubscriptionProps {
  /** The physical name of the connection and the API destination. */
  readonly name: string;
  readonly subscriberName: string;
  readonly description: string;
  readonly stage: string;
  readonly rule: events.Rule;
  readonly deadLetterQueue: OperatorQueue;
  readonly delivery: WebhookDelivery;
}

/** EventBridge's default, tighter than its maximum (300), so a new webhook does not flood the service behind it. */
const DEFAULT_RATE_LIMIT_PER_SECOND = 10;
const LOOPBACK_URL = /^http:\/\/(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d+)?(\/|$)/;

/**
 * Rule -> API destination -> the endpoint. The connection holds the credentials (given at deploy, never
 * committed); EventBridge retries 5xx, 429 and timeouts within the rule's retry policy, then the event goes to
 * the subscriber's dead-letter queue.
 */
export class WebhookSubscription extends Construct {
  readonly connection: events.Connection;
  readonly destination: events.ApiDestination;
  /** Longest time after reaching the bus that the endpoint may still receive the event. */
  readonly redeliveryWindow: Duration;

  constructor(scope: Construct, id: string, props: WebhookSubscriptionProps) {
    super(scope, id);
    const { delivery, deadLetterQueue } = props;
    const problem = (message: string) => new Error(`Subscriber "${props.subscriberName}": ${message}`);
    this.connection = new events.Connection(this, 'Connection', {
      connectionName: props.name,
      description: props.description,
      authorization: authorization(this, delivery.auth, problem),
    });
    this.destination = new events.ApiDestination(this, 'Destination', {
      apiDestinationName: props.name,
      description: props.description,
      connection: this.connection,
      endpoint: endpointOf(this, delivery, props.stage, problem),
      httpMethod: events.HttpMethod[delivery.httpMethod ?? 'POST'],
      rateLimitPerSecond: delivery.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT_PER_SECOND,
    });
    const retries = ruleTargetRetries(delivery, deadLetterQueue);
    props.rule.addTarget(new targets.ApiDestination(this.destination, { ...retries, event: targetInput(delivery.inputTransformer) }));
    deadLetterQueue.allowEncryptedDeliveriesBy(new iam.ServicePrincipal('events.amazonaws.com'));
    acknowledgeNoDeadLetterQueue(
      deadLetterQueue,
      'This queue is the dead-letter queue of the rule target that calls the webhook (not an SQS redrive policy, so ' +
        'cdk-nag does not see it as a DLQ); only operators read it, so a DLQ behind it would never receive anything. ' +
        'Its depth is alarmed instead.',
    );
    this.redeliveryWindow = retries.maxEventAge;
  }
}

function authorization(scope: Construct, auth: WebhookAuth, problem: (message: string) => Error): events.Authorization {
  switch (auth.type) {
    case 'apiKey':
      return events.Authorization.apiKey(auth.headerName, secretValue(scope, auth.key, problem));
    case 'basic':
      return events.Authorization.basic(auth.username, secretValue(scope, auth.password, problem));
    case 'oauthClientCredentials':
      return events.Authorization.oauth({
        authorizationEndpoint: auth.authorizationEndpoint,
        clientId: auth.clientId,
        clientSecret: secretValue(scope, auth.clientSecret, problem),
        httpMethod: events.HttpMethod.POST,
        bodyParameters: { grant_type: events.HttpParameter.fromString('client_credentials') },
      });
  }
}

/** A secret given at deploy: a context value, or a Secrets Manager reference CloudFormation resolves. */
function secretValue(scope: Construct, secret: WebhookSecret, problem: (message: string) => Error): SecretValue {
  if ('secretsManager' in secret) return SecretValue.secretsManager(secret.secretsManager, secret.jsonField === undefined ? {} : { jsonField: secret.jsonField });
  const value = scope.node.tryGetContext(secret.context) as unknown;
  if (typeof value !== 'string' || value === '') {
    throw problem(
      `its webhook secret is the CDK context value ${secret.context}, which is not set; give it at deploy with ` +
        `-c ${secret.context}=<value>, or in cdk.context.json, which git ignores`,
    );
  }
  return SecretValue.unsafePlainText(value);
}

/** The endpoint for this stage: https, or a loopback http URL outside production, which only the local runtime can call. */
function endpointOf(scope: Construct, delivery: WebhookDelivery, stage: string, problem: (message: string) => Error): string {
  const { endpoint } = delivery;
  let url: string | undefined;
  if (typeof endpoint === 'string') url = endpoint;
  else {
    const given = scope.node.tryGetContext(endpoint.context) as unknown;
    if (given !== undefined && typeof given !== 'string') throw problem(`the CDK context value ${endpoint.context} must be a URL`);
    url = (given as string | undefined) ?? (stage === PRODUCTION_STAGE ? undefined : endpoint.default);
    if (url === undefined) throw problem(`its endpoint is the CDK context value ${endpoint.context}, which is not set; give it with -c ${endpoint.context}=https://...`);
  }
  if (url.startsWith('https://')) return url;
  if (LOOPBACK_URL.test(url) && stage !== PRODUCTION_STAGE) return url;
  throw problem(`endpoint ${url} must be an https URL${stage === PRODUCTION_STAGE ? ' in production' : ' (or, for npm start, a loopback http://127.0.0.1:<port>/... URL)'}`);
}
