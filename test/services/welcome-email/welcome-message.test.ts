import { escapeHtml } from '../../../services/welcome-email/escape-html';
import { classifySendFailure } from '../../../services/welcome-email/send-failure';
import { welcomeMessage } from '../../../services/welcome-email/welcome-message';
import { welcomeEmailConfigFromEnv } from '../../../services/welcome-email/config';
import { MessageRejected, SESServiceException } from '@aws-sdk/client-ses';

describe('welcomeMessage', () => {
  const user = { userId: 'u-1', email: 'ada@example.com', createdAt: '2024-05-01T09:29:59.512Z' };

  it('greets by given name and lists interests in both bodies, escaping them in HTML only', () => {
    const message = welcomeMessage({ ...user, givenName: 'Ada & "Co"', interests: ['<b>chess</b>', 'go'] }, 'hello@example.com');

    expect(message.Source).toBe('hello@example.com');
    expect(message.Destination?.ToAddresses).toEqual(['ada@example.com']);
    expect(message.Message?.Subject?.Data).toBe('Welcome, Ada & "Co"!');
    expect(message.Message?.Body?.Html?.Data).toContain('<h1>Welcome, Ada &amp; &quot;Co&quot;!</h1>');
    expect(message.Message?.Body?.Html?.Data).toContain('about: &lt;b&gt;chess&lt;/b&gt;, go.');
    expect(message.Message?.Body?.Html?.Data).not.toContain('<b>');
    expect(message.Message?.Body?.Text?.Data).toBe(
      'Welcome, Ada & "Co"!\n\nThanks for signing up. Your account is ready.\n\nWe will keep you posted about: <b>chess</b>, go.',
    );
  });

  it('falls back to a plain greeting and leaves out interests when there are none', () => {
    const message = welcomeMessage(user, 'hello@example.com');

    expect(message.Message?.Subject?.Data).toBe('Welcome!');
    expect(message.Message?.Body?.Text?.Data).toBe('Welcome!\n\nThanks for signing up. Your account is ready.');
    expect(message.Message?.Body?.Html?.Data).not.toContain('keep you posted');
  });
});

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('classifySendFailure', () => {
  it('treats a rejected message as permanent, with the address redacted from the reason', () => {
    const error = new MessageRejected({ message: 'Address blacklisted: ada@example.com', $metadata: {} });

    expect(classifySendFailure(error)).toEqual({ permanent: true, reason: 'MessageRejected: Address blacklisted: [email redacted]' });
  });

  it.each(['Throttling', 'ServiceUnavailable', 'MailFromDomainNotVerifiedException'])('retries %s', (name) => {
    const error = new SESServiceException({ name, $fault: 'server', $metadata: {}, message: 'try later' });

    expect(classifySendFailure(error)).toEqual({ permanent: false });
  });

  it('retries network errors', () => {
    expect(classifySendFailure(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toEqual({ permanent: false });
  });
});

describe('welcomeEmailConfigFromEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  function setEnv(values: Record<string, string | undefined>): void {
    process.env = {
      ...saved,
      SENDER_EMAIL: 'welcome@example.com',
      IDEMPOTENCY_TABLE_NAME: 'idem',
      IDEMPOTENCY_TTL_SECONDS: '3600',
      EMAIL_HMAC_KEY_ARN: 'arn:aws:kms:us-east-1:123456789012:key/k',
      MIN_SEND_INTERVAL_MS: '40',
      ...values,
    };
    for (const [key, value] of Object.entries(values)) if (value === undefined) delete process.env[key];
  }

  it('reads the five variables', () => {
    setEnv({});
    expect(welcomeEmailConfigFromEnv()).toEqual({
      senderEmail: 'welcome@example.com',
      idempotencyTableName: 'idem',
      idempotencyTtlSeconds: 3600,
      emailHmacKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k',
      minSendIntervalMs: 40,
    });
  });

  it.each([
    [{ SENDER_EMAIL: undefined }, 'Environment variable SENDER_EMAIL is required'],
    [{ SENDER_EMAIL: 'welcome' }, 'Environment variable SENDER_EMAIL is not an email address'],
    [{ IDEMPOTENCY_TABLE_NAME: ' ' }, 'Environment variable IDEMPOTENCY_TABLE_NAME is required'],
    [{ IDEMPOTENCY_TTL_SECONDS: '1.5' }, 'Environment variable IDEMPOTENCY_TTL_SECONDS must be a positive integer, received "1.5"'],
    [{ IDEMPOTENCY_TTL_SECONDS: '0' }, 'Environment variable IDEMPOTENCY_TTL_SECONDS must be a positive integer, received "0"'],
    [{ EMAIL_HMAC_KEY_ARN: undefined }, 'Environment variable EMAIL_HMAC_KEY_ARN is required'],
    [{ MIN_SEND_INTERVAL_MS: undefined }, 'Environment variable MIN_SEND_INTERVAL_MS is required'],
    [{ MIN_SEND_INTERVAL_MS: '-1' }, 'Environment variable MIN_SEND_INTERVAL_MS must be a whole number, 0 or more, received "-1"'],
  ])('refuses %p', (values, message) => {
    setEnv(values);
    expect(() => welcomeEmailConfigFromEnv()).toThrow(message);
  });
});
