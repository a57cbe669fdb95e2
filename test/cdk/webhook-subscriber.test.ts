import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../../events/user-created';
import type { SubscriberEntry, WebhookDelivery } from '../../cdk/subscription/subscriber-entry';
import type { CfnTemplate } from '../../local/template/cfn-types';
import { loadLocalModel } from '../../local/template';
import type { DeadLetterContent } from '../../scripts/dlq/decode';
import { resend } from '../../scripts/dlq/resend';
import type { StackAccess } from '../../scripts/dlq/stack-access';
import { discoverDeadLetterQueues } from '../../scripts/dlq/topology';
import { logicalIdOf, resourcesOfType, synthApp, type SynthesizedApp } from './synth-app';

const pattern = { source: [USER_CREATED_SOURCE], 'detail-type': [USER_CREATED_DETAIL_TYPE] };
const TRANSFORMER = {
  inputPathsMap: { userId: '$.detail.data.userId', eventId: '$.detail.metadata.eventId' },
  inputTemplate: '{"user": <userId>, "event": <eventId>, "rule": <aws.events.rule-name>}',
};

function webhook(name: string, delivery: Partial<WebhookDelivery> = {}): SubscriberEntry {
  return {
    name,
    description: `${name}: posts UserCreated to a webhook`,
    eventPattern: pattern,
    delivery: {
      kind: 'webhook',
      endpoint: { context: 'crmHookEndpoint', default: 'http://127.0.0.1:9999/users' },
      auth: { type: 'apiKey', headerName: 'x-api-key', key: { secretsManager: 'users-fanout/crm-hook' } },
      ...delivery,
    },
  };
}

describe('a webhook subscriber, and input transformers on every kind', () => {
  let app: SynthesizedApp;
  beforeAll(() => {
    app = synthApp({
      subscribers: [
        webhook('crm-hook', { inputTransformer: TRANSFORMER, retryAttempts: 4 }),
        webhook('chat-hook', {
          endpoint: 'https://chat.example.com/hooks/users',
          auth: { type: 'basic', username: 'users-fanout', password: { context: 'chatHookPassword' } },
          httpMethod: 'PUT',
          rateLimitPerSecond: 2,
        }),
        webhook('sso-hook', {
          endpoint: 'https://sso.example.com/hooks',
          auth: { type: 'oauthClientCredentials', authorizationEndpoint: 'https://sso.example.com/token', clientId: 'users-fanout', clientSecret: { secretsManager: 'sso', jsonField: 'secret' } },
        }),
        { name: 'partner-feed', description: 'partner-feed', eventPattern: pattern, delivery: { kind: 'queue-only', inputTransformer: TRANSFORMER } },
      ],
      context: { chatHookPassword: 'from-the-context' },
    });
  }, 180_000);
  afterAll(() => app?.cleanup());

  const subscriber = (name: string) => app.stack.subscribers.find((candidate) => candidate.entry.name === name)!;
  const ruleOf = (name: string) => resourcesOfType(app, 'AWS::Events::Rule')[logicalIdOf(app, subscriber(name).rule)]!;

  it('builds a connection whose secret is a Secrets Manager reference, never its value', () => {
    const connections = Object.values(resourcesOfType(app, 'AWS::Events::Connection'));
    expect(connections).toContainEqual(
      expect.objectContaining({
        Name: 'users-fanout-dev-crm-hook',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '{{resolve:secretsmanager:users-fanout/crm-hook:SecretString:::}}' } },
      }),
    );
    expect(connections).toContainEqual(
      expect.objectContaining({ AuthorizationType: 'BASIC', AuthParameters: { BasicAuthParameters: { Username: 'users-fanout', Password: 'from-the-context' } } }),
    );
    expect(connections).toContainEqual(
      expect.objectContaining({
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: expect.objectContaining({
          OAuthParameters: expect.objectContaining({
            AuthorizationEndpoint: 'https://sso.example.com/token',
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'users-fanout', ClientSecret: '{{resolve:secretsmanager:sso:SecretString:secret::}}' },
          }),
        }),
      }),
    );
  });

  it('builds an API destination per webhook, and a rule target with bounded retries, the DLQ and the transformer', () => {
    const destinations = Object.values(resourcesOfType(app, 'AWS::Events::ApiDestination'));
    expect(destinations).toContainEqual(
      expect.objectContaining({ Name: 'users-fanout-dev-crm-hook', InvocationEndpoint: 'http://127.0.0.1:9999/users', HttpMethod: 'POST', InvocationRateLimitPerSecond: 10 }),
    );
    expect(destinations).toContainEqual(expect.objectContaining({ InvocationEndpoint: 'https://chat.example.com/hooks/users', HttpMethod: 'PUT', InvocationRateLimitPerSecond: 2 }));
    const crm = subscriber('crm-hook');
    expect(ruleOf('crm-hook').Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [expect.stringContaining('CrmHookWebhookDestination'), 'Arn'] },
        RoleArn: expect.anything(),
        RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 7200 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(app, crm.deadLetterQueue), 'Arn'] } },
        InputTransformer: { InputPathsMap: TRANSFORMER.inputPathsMap, InputTemplate: TRANSFORMER.inputTemplate },
      }),
    ]);
  });

  it('transforms the input of a queue-only subscriber too', () => {
    expect(ruleOf('partner-feed').Targets).toEqual([expect.objectContaining({ InputTransformer: { InputPathsMap: TRANSFORMER.inputPathsMap, InputTemplate: TRANSFORMER.inputTemplate } })]);
  });

  it('npm run dlq finds its dead-letter queue, and keeps its dead letters on redrive, saying how to replay them', async () => {
    const queue = discoverDeadLetterQueues(app.json as CfnTemplate, 'dev').find((candidate) => candidate.queueName === 'users-fanout-dev-crm-hook-dlq');
    expect(queue?.path).toEqual({ kind: 'subscriber-webhook', subscriber: 'crm-hook', ruleName: 'users-fanout-dev-crm-hook', destinationName: 'users-fanout-dev-crm-hook' });
    const outcome = await resend({} as StackAccess, queue!.path, { kind: 'rule-delivery', eventJson: '{}' } as DeadLetterContent);
    expect(outcome).toEqual({ kind: 'kept', reason: expect.stringContaining('replay the archived events of that time to rule users-fanout-dev-crm-hook alone') });
  });

  it('runs in the local runtime: its connection and destination are read, and its secret is named until given', () => {
    const options = { cdkOutDir: app.assemblyDir, endpoint: 'http://127.0.0.1:4566', region: 'us-east-1', account: '000000000000' };
    const model = loadLocalModel(options);
    expect(model.apiDestinations.map((destination) => destination.name).sort()).toEqual(['users-fanout-dev-chat-hook', 'users-fanout-dev-crm-hook', 'users-fanout-dev-sso-hook']);
    expect(model.warnings).toContainEqual(expect.stringContaining('ApiKeyValue is a Secrets Manager reference to users-fanout/crm-hook'));
    const given = loadLocalModel({ ...options, secrets: { 'users-fanout/crm-hook': 'local-key' } });
    const connection = given.connections.find((candidate) => candidate.name === 'users-fanout-dev-crm-hook');
    expect(connection?.authorization).toEqual({ type: 'API_KEY', apiKeyName: 'x-api-key', apiKeyValue: 'local-key' });
  });
});

describe('webhook settings synthesis refuses', () => {
  const synth = (entry: SubscriberEntry, context: Record<string, unknown> = {}) => () => synthApp({ subscribers: [entry], context }).cleanup();

  it('an endpoint context value left unset in production, and http outside loopback', () => {
    expect(synth(webhook('crm-hook'), { stage: 'prod' })).toThrow(
      'Subscriber "crm-hook": its endpoint is the CDK context value crmHookEndpoint, which is not set; give it with -c crmHookEndpoint=https://...',
    );
    expect(synth(webhook('crm-hook', { endpoint: 'http://crm.example.com/users' }))).toThrow(
      'Subscriber "crm-hook": endpoint http://crm.example.com/users must be an https URL (or, for npm start, a loopback http://127.0.0.1:<port>/... URL)',
    );
  });

  it('a context secret that is not given', () => {
    expect(synth(webhook('crm-hook', { auth: { type: 'apiKey', headerName: 'x-api-key', key: { context: 'crmHookKey' } } }))).toThrow(
      'Subscriber "crm-hook": its webhook secret is the CDK context value crmHookKey, which is not set; give it at deploy with -c crmHookKey=<value>, or in cdk.context.json, which git ignores',
    );
  });

  it('an input template that uses a variable it does not define', () => {
    expect(synth(webhook('crm-hook', { inputTransformer: { inputTemplate: '"<userId>"' } }))).toThrow(
      'Subscriber "crm-hook": inputTransformer.inputTemplate uses <userId>, which inputPathsMap does not define',
    );
  });

  it('needs on a webhook, which has no function', () => {
    expect(synth({ ...webhook('crm-hook'), needs: ['auditTable'] })).toThrow('Subscriber "crm-hook": a webhook subscriber has no function here, so it cannot declare needs or a service');
  });
});
