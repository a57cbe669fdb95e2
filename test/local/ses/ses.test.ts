import { SendEmailCommand, SendRawEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { SendEmailCommand as SendEmailV2Command, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { startEndpoint, type Endpoint } from '../../../local/server';
import { createSes, type LocalSes, type LocalStackSesMessage } from '../../../local/ses';
import { ManualClock } from '../../../support/manual-clock';
import { ACCOUNT, REGION, TEST_CREDENTIALS } from '../../../support/local-fixtures';

describe('SES captured locally', () => {
  let endpoint: Endpoint;
  let ses: LocalSes;
  let v1: SESClient;
  let v2: SESv2Client;

  beforeAll(async () => {
    endpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
    ses = await createSes({ region: REGION });
    endpoint.mount(ses.handler);
    v1 = new SESClient({ endpoint: endpoint.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    v2 = new SESv2Client({ endpoint: endpoint.url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  });

  beforeEach(async () => {
    expect((await fetch(`${endpoint.url}/_aws/ses`, { method: 'DELETE' })).status).toBe(204);
  });

  afterAll(async () => {
    v1.destroy();
    v2.destroy();
    await ses.close();
    await endpoint.close();
  });

  async function listed(query = ''): Promise<LocalStackSesMessage[]> {
    const response = await fetch(`${endpoint.url}/_aws/ses${query}`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { messages: LocalStackSesMessage[] }).messages;
  }

  it('captures a v1 SendEmail and lists it in LocalStack shape, with every recipient', async () => {
    const sent = await v1.send(
      new SendEmailCommand({
        Source: 'welcome@example.com',
        Destination: { ToAddresses: ['ada@example.com', 'alan@example.com'], CcAddresses: ['grace@example.com'] },
        Message: { Subject: { Data: 'Welcome, Ada' }, Body: { Text: { Data: 'Hello Ada' }, Html: { Data: '<p>Hello Ada</p>' } } },
      }),
    );
    expect(sent.MessageId).toBeTruthy();
    const [message] = await listed();
    expect(message).toEqual({
      Id: sent.MessageId,
      Region: 'eu-west-1',
      Source: 'welcome@example.com',
      Destination: { ToAddresses: ['ada@example.com', 'alan@example.com'], CcAddresses: ['grace@example.com'] },
      Subject: 'Welcome, Ada',
      Body: { text_part: 'Hello Ada', html_part: '<p>Hello Ada</p>' },
      Timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(Math.abs(Date.parse(message.Timestamp) - Date.now())).toBeLessThan(5_000);
  });

  it('captures a v1 SendRawEmail', async () => {
    const raw = [
      'From: billing@example.com',
      'To: ada@example.com',
      'Subject: Your invoice',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Invoice attached in spirit.',
    ].join('\r\n');
    const sent = await v1.send(new SendRawEmailCommand({ RawMessage: { Data: Buffer.from(raw) } }));
    const [message] = await listed(`?id=${sent.MessageId}`);
    expect(message).toMatchObject({
      Source: 'billing@example.com',
      Destination: { ToAddresses: ['ada@example.com'] },
      Subject: 'Your invoice',
      Body: { text_part: expect.stringContaining('Invoice attached in spirit.'), html_part: null },
    });
  });

  it('captures a v2 SendEmail', async () => {
    const sent = await v2.send(
      new SendEmailV2Command({
        FromEmailAddress: 'news@example.com',
        Destination: { ToAddresses: ['grace@example.com'] },
        Content: { Simple: { Subject: { Data: 'Issue 1' }, Body: { Text: { Data: 'First issue' } } } },
      }),
    );
    const [message] = await listed();
    expect(message).toMatchObject({ Id: sent.MessageId, Region: REGION, Source: 'news@example.com', Subject: 'Issue 1' });
    expect(message.Body).toEqual({ text_part: 'First issue', html_part: null });
  });

  it('filters by id and by sender, and DELETE clears the list', async () => {
    const first = await sendSimple(v1, 'one@example.com', 'First');
    await sendSimple(v1, 'two@example.com', 'Second');
    expect((await listed()).map((message) => message.Subject)).toEqual(['First', 'Second']);
    expect((await listed(`?id=${first}`)).map((message) => message.Subject)).toEqual(['First']);
    expect((await listed('?email=two@example.com')).map((message) => message.Subject)).toEqual(['Second']);
    expect(await listed('?email=nobody@example.com')).toEqual([]);
    await fetch(`${endpoint.url}/_aws/ses`, { method: 'DELETE' });
    expect(await listed()).toEqual([]);
  });

  it('answers bad v1 input with SES errors and captures nothing', async () => {
    await expect(
      v1.send(new SendEmailCommand({ Source: 'welcome@example.com', Destination: { ToAddresses: ['not-an-address'] }, Message: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue', message: 'Illegal address' });
    await expect(
      v1.send(new SendEmailCommand({ Source: 'welcome@example.com', Destination: { ToAddresses: ['a@example.com'] }, Message: { Subject: { Data: 's' }, Body: {} } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect(await listed()).toEqual([]);
  });

  it('throttles v1 and v2 sends during an outage, then accepts them again once it is over on its clock', async () => {
    const clock = new ManualClock();
    const outageEndpoint = await startEndpoint({ port: 0, region: REGION, account: ACCOUNT });
    const clocked = await createSes({ region: REGION, clock });
    outageEndpoint.mount(clocked.handler);
    const clockedV1 = new SESClient({ endpoint: outageEndpoint.url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const clockedV2 = new SESv2Client({ endpoint: outageEndpoint.url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      clocked.throttleFor(60_000);
      const v1Error = await sendSimple(clockedV1, 'welcome@example.com', 'During outage').catch((error: unknown) => error as Error & { $retryable?: unknown });
      expect(v1Error).toMatchObject({ name: 'Throttling', message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 400 } });
      const v2Error = await clockedV2
        .send(new SendEmailV2Command({ FromEmailAddress: 'news@example.com', Destination: { ToAddresses: ['a@example.com'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } } }))
        .catch((error: unknown) => error);
      expect(v2Error).toBeInstanceOf(TooManyRequestsException);
      clock.advance(59_999);
      await expect(sendSimple(clockedV1, 'welcome@example.com', 'Still during outage')).rejects.toMatchObject({ name: 'Throttling' });
      expect(await listed()).toEqual([]);

      clock.advance(1);
      await sendSimple(clockedV1, 'welcome@example.com', 'After outage');
      expect((await listed()).map((message) => message.Subject)).toEqual(['After outage']);
    } finally {
      clockedV1.destroy();
      clockedV2.destroy();
      await clocked.close();
      await outageEndpoint.close();
    }
  });

  it('retries through a short outage with the SDK default retry strategy', async () => {
    const retrying = new SESClient({ endpoint: endpoint.url, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 10 });
    ses.throttleFor(300);
    await sendSimple(retrying, 'welcome@example.com', 'Eventually');
    retrying.destroy();
    expect((await listed()).map((message) => message.Subject)).toEqual(['Eventually']);
  });

  it('serves a page of the captured mail at /_aws/ses/ui: sender, recipients, subject, date, text and HTML bodies', async () => {
    const sent = await v1.send(
      new SendEmailCommand({
        Source: 'welcome@example.com',
        Destination: { ToAddresses: ['ada@example.com', 'alan@example.com'], CcAddresses: ['grace@example.com'] },
        Message: {
          Subject: { Data: 'Welcome, Ada & <friends>' },
          Body: { Text: { Data: 'Hello <Ada>' }, Html: { Data: '<h1 class="x">Hello</h1><script>parent.document.title = "reached"</script>' } },
        },
      }),
    );
    const [{ Timestamp }] = await listed();

    const page = await fetch(`${endpoint.url}/_aws/ses/ui`);
    const html = await page.text();

    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html).toContain('<dt>From</dt><dd>welcome@example.com</dd>');
    expect(html).toContain('<dt>To</dt><dd>ada@example.com, alan@example.com</dd>');
    expect(html).toContain('<dt>Cc</dt><dd>grace@example.com</dd>');
    expect(html).toContain('<dt>Subject</dt><dd>Welcome, Ada &#38; &#60;friends&#62;</dd>');
    expect(html).toContain(`<dt>Date</dt><dd>${Timestamp}</dd>`);
    expect(html).toContain(`<dt>Message id</dt><dd>${sent.MessageId} (eu-west-1)</dd>`);
    expect(html).toContain('<pre>Hello &#60;Ada&#62;</pre>');
    // The HTML body only inside an iframe with every sandbox restriction: no scripts, not this origin.
    const iframes = html.match(/<iframe[^>]*>/g) ?? [];
    expect(iframes).toEqual([expect.stringContaining('sandbox=""')]);
    expect(iframes[0]).toContain('srcdoc="&#60;h1 class=&#34;x&#34;&#62;Hello&#60;/h1&#62;&#60;script&#62;parent.document.title = &#34;reached&#34;&#60;/script&#62;"');
    expect(html).not.toContain('allow-same-origin');
    expect(html).not.toContain('<script>parent');
    // Its own script runs by the response's nonce; no other script, and nothing framing the page, is allowed.
    const policy = page.headers.get('content-security-policy') ?? '';
    const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
    expect(policy).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it("keeps aws-ses-v2-local's own store API under /_aws/ses/ui, which the benchmark polls with ?since=", async () => {
    await sendSimple(v1, 'welcome@example.com', 'Seen in the store');

    const store = (await (await fetch(`${endpoint.url}/_aws/ses/ui/store?since=0`)).json()) as { emails: { subject: string }[] };
    expect(store.emails.map((email) => email.subject)).toEqual(['Seen in the store']);
    await fetch(`${endpoint.url}/_aws/ses/ui/clear-store`, { method: 'POST' });
    expect(await listed()).toEqual([]);
  });

  it("points to the JSON API that answers, and says when there is no mail", async () => {
    const html = await (await fetch(`${endpoint.url}/_aws/ses/ui`)).text();

    expect(html).toContain('No mail yet.');
    expect(html).toContain('<a href="/_aws/ses"><code>GET /_aws/ses</code></a>');
    expect(html).not.toMatch(/\/store\b/);
    expect((await fetch(`${endpoint.url}/_aws/ses`)).status).toBe(200);
  });
});

async function sendSimple(client: SESClient, source: string, subject: string): Promise<string> {
  const sent = await client.send(
    new SendEmailCommand({ Source: source, Destination: { ToAddresses: ['someone@example.com'] }, Message: { Subject: { Data: subject }, Body: { Text: { Data: 'body' } } } }),
  );
  return sent.MessageId as string;
}
