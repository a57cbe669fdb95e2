import { EventBridgeClient, ListTargetsByRuleCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { ManualClock } from '../../../support/manual-clock';
import { startInlineStack, type InlineStack } from '../../../support/inline-stack';
import { waitFor } from '../../../support/waiting';
import { WebhookServer } from './webhook-server';

const queue = (name: string) => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: name } });

function connection(type: string, auth: Record<string, unknown>) {
  return { Type: 'AWS::Events::Connection', Properties: { AuthorizationType: type, AuthParameters: auth } };
}

function destination(connectionId: string, endpoint: string, extra: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Events::ApiDestination',
    Properties: { ConnectionArn: { 'Fn::GetAtt': [connectionId, 'Arn'] }, InvocationEndpoint: endpoint, HttpMethod: 'POST', ...extra },
  };
}

/** One rule per destination, each matching its own detail-type, each with a DLQ. */
function rule(name: string, destinationId: string, target: Record<string, unknown> = {}) {
  return {
    Type: 'AWS::Events::Rule',
    Properties: {
      EventBusName: { Ref: 'Bus' },
      EventPattern: { 'detail-type': [name] },
      Targets: [
        {
          Id: name,
          Arn: { 'Fn::GetAtt': [destinationId, 'Arn'] },
          RoleArn: 'arn:aws:iam::000000000000:role/invoke-api-destinations',
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['Dlq', 'Arn'] } },
          ...target,
        },
      ],
    },
  };
}

function template(server: string) {
  return {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'hooks' } },
    Dlq: queue('hooks-dlq'),
    ApiKey: connection('API_KEY', {
      ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '{{resolve:secretsmanager:crm-webhook:SecretString:::}}' },
      InvocationHttpParameters: {
        HeaderParameters: [{ Key: 'x-team', Value: 'growth' }],
        QueryStringParameters: [{ Key: 'source', Value: 'eventbridge' }],
        BodyParameters: [{ Key: 'channel', Value: 'users' }],
      },
    }),
    Basic: connection('BASIC', { BasicAuthParameters: { Username: 'ada', Password: 'lovelace' } }),
    OAuth: connection('OAUTH_CLIENT_CREDENTIALS', {
      OAuthParameters: {
        AuthorizationEndpoint: `${server}/token`,
        HttpMethod: 'POST',
        ClientParameters: { ClientID: 'client-1', ClientSecret: 'shh' },
        OAuthHttpParameters: { BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials' }] },
      },
    }),
    Unresolved: connection('API_KEY', { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: '{{resolve:secretsmanager:not-given:SecretString:::}}' } }),
    Crm: destination('ApiKey', `${server}/hooks/*/users`),
    Legacy: destination('Basic', `${server}/legacy`),
    Oauthed: destination('OAuth', `${server}/oauthed`),
    Flaky: destination('Basic', `${server}/flaky`),
    Broken: destination('Basic', `${server}/broken`),
    Slow: destination('Basic', `${server}/slow`),
    Stop: destination('Basic', `${server}/stop`),
    Remote: destination('Basic', 'https://crm.example.com/hooks'),
    NoSecret: destination('Unresolved', `${server}/no-secret`),
    ToCrm: rule('crm', 'Crm', {
      InputTransformer: { InputPathsMap: { user: '$.detail.userId' }, InputTemplate: '{"user": <user>, "event": "UserCreated"}' },
      HttpParameters: { PathParameterValues: ['$.detail.team'], HeaderParameters: { 'x-user': '$.detail.userId', 'x-fixed': 'yes' }, QueryStringParameters: { page: '1' } },
    }),
    ToLegacy: rule('legacy', 'Legacy'),
    ToOauthed: rule('oauthed', 'Oauthed'),
    ToFlaky: rule('flaky', 'Flaky', { RetryPolicy: { MaximumRetryAttempts: 3 } }),
    ToBroken: rule('broken', 'Broken', { RetryPolicy: { MaximumRetryAttempts: 3 } }),
    ToSlow: rule('slow', 'Slow', { RetryPolicy: { MaximumRetryAttempts: 0 } }),
    ToStop: rule('stop', 'Stop', { RetryPolicy: { MaximumRetryAttempts: 3 } }),
    ToRemote: rule('remote', 'Remote'),
    ToNoSecret: rule('no-secret', 'NoSecret'),
  };
}

describe('API destinations: connections, retries and DLQs, through the endpoint to a loopback webhook', () => {
  let server: WebhookServer;
  let stack: InlineStack;
  let events: EventBridgeClient;
  let sqs: SQSClient;
  const dlqMessages: Message[] = [];

  beforeAll(async () => {
    server = await new WebhookServer().start();
    stack = await startInlineStack(template(server.url), { secrets: { 'crm-webhook': 'key-123' }, retryDelays: { eventBridgeMs: [50, 100] } });
    events = new EventBridgeClient(stack.clientConfig);
    sqs = new SQSClient(stack.clientConfig);
  });
  afterAll(async () => {
    events.destroy();
    sqs.destroy();
    await stack.stop();
    await server.stop();
  });

  const put = (detailType: string, detail: Record<string, unknown> = { userId: 'u-1', team: 'growth' }) =>
    events.send(new PutEventsCommand({ Entries: [{ EventBusName: 'hooks', Source: 'users', DetailType: detailType, Detail: JSON.stringify(detail) }] }));

  /** The DLQ message from the rule with logical id `ruleId`, once it arrives. */
  async function deadLetter(ruleId: string): Promise<Message> {
    return waitFor(`a dead letter from rule ${ruleId}`, async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: `${stack.runtime.endpoint}/000000000000/hooks-dlq`, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
      );
      dlqMessages.push(...(Messages ?? []));
      return dlqMessages.find((message) => message.MessageAttributes?.RULE_ARN?.StringValue?.endsWith(`/inline-${ruleId}`));
    });
  }

  it('calls the endpoint with the connection\'s API key and parameters, the target\'s dynamic path, headers and query, and the transformed body', async () => {
    await put('crm');
    const [request] = await waitFor('the webhook call', () => (server.requestsTo('/hooks/growth/users').length > 0 ? server.requestsTo('/hooks/growth/users') : undefined));
    expect(request.method).toBe('POST');
    expect(new URL(request.url, 'http://local').searchParams.toString()).toBe('source=eventbridge&page=1');
    expect(request.headers).toMatchObject({
      'x-api-key': 'key-123',
      'x-team': 'growth',
      'x-user': 'u-1',
      'x-fixed': 'yes',
      'user-agent': 'Amazon/EventBridge/ApiDestinations',
      'content-type': 'application/json; charset=utf-8',
      range: 'bytes=0-1048575',
      'accept-encoding': 'gzip,deflate',
      connection: 'close',
    });
    expect(JSON.parse(request.body)).toEqual({ user: 'u-1', event: 'UserCreated', channel: 'users' });
  });

  it('sends basic credentials, and the whole event when the target does not transform it', async () => {
    await put('legacy');
    const [request] = await waitFor('the legacy call', () => (server.requestsTo('/legacy').length > 0 ? server.requestsTo('/legacy') : undefined));
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('ada:lovelace').toString('base64')}`);
    expect(JSON.parse(request.body)).toMatchObject({ 'detail-type': 'legacy', source: 'users', detail: { userId: 'u-1' } });
  });

  it('gets an OAuth token with the client credentials, reuses it, and refreshes it when the endpoint answers 401', async () => {
    server.script('/token', { status: 200, body: JSON.stringify({ access_token: 'token-1', expires_in: 3600 }) }, { status: 200, body: JSON.stringify({ access_token: 'token-2', expires_in: 3600 }) });
    server.script('/oauthed', { status: 200 }, { status: 401 }, { status: 200 });
    await put('oauthed');
    await waitFor('the first oauthed call', () => (server.requestsTo('/oauthed').length === 1 ? true : undefined));
    await put('oauthed');
    const calls = await waitFor('the refreshed call', () => (server.requestsTo('/oauthed').length === 3 ? server.requestsTo('/oauthed') : undefined));
    expect(calls.map((call) => call.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    const tokenRequests = server.requestsTo('/token');
    expect(tokenRequests).toHaveLength(2);
    expect(tokenRequests[0]).toMatchObject({ method: 'POST', body: 'grant_type=client_credentials' });
    expect(tokenRequests[0].headers.authorization).toBe(`Basic ${Buffer.from('client-1:shh').toString('base64')}`);
  });

  it('retries a 5xx and a 429, then delivers', async () => {
    server.script('/flaky', { status: 503 }, { status: 429 }, { status: 200 });
    await put('flaky');
    await waitFor('the third call', () => (server.requestsTo('/flaky').length === 3 ? true : undefined));
  });

  it('does not retry another 4xx: the event goes to the DLQ with the reason', async () => {
    server.script('/broken', { status: 400, body: 'bad request' });
    await put('broken');
    const dead = await deadLetter('ToBroken');
    expect(server.requestsTo('/broken')).toHaveLength(1);
    expect(dead.MessageAttributes?.ERROR_CODE?.StringValue).toBe('SDK_CLIENT_ERROR');
    expect(dead.MessageAttributes?.ERROR_MESSAGE?.StringValue).toBe(`Unable to invoke ApiDestination endpoint ${server.url}/broken: it answered 400`);
    expect(dead.MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('0');
  });

  it('stops retrying when Retry-After is negative', async () => {
    server.script('/stop', { status: 503, headers: { 'Retry-After': '-1' } });
    await put('stop');
    const dead = await deadLetter('ToStop');
    expect(server.requestsTo('/stop')).toHaveLength(1);
    expect(dead.MessageAttributes?.RETRY_ATTEMPTS?.StringValue).toBe('0');
  });

  it('counts an endpoint that does not answer in 5 s as failed', async () => {
    server.script('/slow', 'hang');
    await put('slow');
    const dead = await deadLetter('ToSlow');
    expect(dead.MessageAttributes?.ERROR_MESSAGE?.StringValue).toBe(`Unable to invoke ApiDestination endpoint ${server.url}/slow: No response from ${server.url}/slow within 5 s`);
    expect(dead.MessageAttributes?.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumRetryAttemptsExhausted');
  });

  it('never calls a URL off this machine: the template loads with a warning, and each event is dead-lettered', async () => {
    expect(stack.runtime.model.warnings).toContain(
      'Remote (AWS::Events::ApiDestination): InvocationEndpoint https://crm.example.com/hooks is not on this machine; the local runtime calls only loopback URLs, ' +
        'so requests to it fail. Point it at http://127.0.0.1:<port>/... (a CDK context value, say) to try it locally',
    );
    await put('remote');
    const dead = await deadLetter('ToRemote');
    expect(dead.MessageAttributes?.ERROR_MESSAGE?.StringValue).toMatch(/^Refused to call https:\/\/crm\.example\.com\/hooks for connection .*: the local runtime calls only loopback URLs/);
  });

  it('names a secret it was not given, and dead-letters what needs it', async () => {
    expect(stack.runtime.model.warnings).toContain(
      'Unresolved (AWS::Events::Connection): ApiKeyValue is a Secrets Manager reference to not-given, which the local runtime cannot read; ' +
        'give it with npm start -- --secret not-given=<value>. Until then, deliveries through this connection fail',
    );
    await put('no-secret');
    const dead = await deadLetter('ToNoSecret');
    expect(dead.MessageAttributes?.ERROR_MESSAGE?.StringValue).toMatch(/has no ApiKeyValue locally/);
    expect(server.requestsTo('/no-secret')).toHaveLength(0);
  });

  it('ListTargetsByRule shows the HttpParameters', async () => {
    const rules = stack.runtime.model.rules.find((candidate) => candidate.logicalId === 'ToCrm');
    const { Targets } = await events.send(new ListTargetsByRuleCommand({ Rule: rules?.name, EventBusName: 'hooks' }));
    expect(Targets?.[0].HttpParameters).toEqual({ PathParameterValues: ['$.detail.team'], HeaderParameters: { 'x-user': '$.detail.userId', 'x-fixed': 'yes' }, QueryStringParameters: { page: '1' } });
  });
});

describe('API destination invocation rate', () => {
  it('holds calls over InvocationRateLimitPerSecond until the clock lets them through, losing none', async () => {
    const server = await new WebhookServer().start();
    const clock = new ManualClock();
    const stack = await startInlineStack(
      {
        Basic: connection('BASIC', { BasicAuthParameters: { Username: 'ada', Password: 'lovelace' } }),
        Paced: destination('Basic', `${server.url}/paced`, { InvocationRateLimitPerSecond: 2 }),
        ToPaced: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['paced'] }, Targets: [{ Id: 'paced', Arn: { 'Fn::GetAtt': ['Paced', 'Arn'] } }] } },
      },
      { clock },
    );
    const events = new EventBridgeClient(stack.clientConfig);
    try {
      await events.send(new PutEventsCommand({ Entries: Array.from({ length: 5 }, (_, i) => ({ Source: 'paced', DetailType: 'tick', Detail: JSON.stringify({ i }) })) }));
      await waitFor('the first call', () => (server.received.length === 1 ? true : undefined));
      // The other four are parked on the clock, which has not moved: accepted, not delivered, not in flight.
      await waitFor('four deliveries parked on the clock', () => (stack.runtime.pendingDeliveries() === 4 && clock.pendingTimers >= 4 ? true : undefined));
      expect(server.received).toHaveLength(1);
      clock.advance(500);
      await waitFor('the second call', () => (server.received.length === 2 ? true : undefined));
      // Two a second: the last of five goes two seconds after the first.
      clock.advance(1000);
      await waitFor('the fourth call', () => (server.received.length === 4 ? true : undefined));
      clock.advance(500);
      await waitFor('all five calls', () => (server.received.length === 5 ? true : undefined));
      expect(server.received.map((request) => JSON.parse(request.body).detail.i).sort()).toEqual([0, 1, 2, 3, 4]);
    } finally {
      events.destroy();
      await stack.stop();
      await server.stop();
    }
  });
});
