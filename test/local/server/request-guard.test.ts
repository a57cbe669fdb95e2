import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as http from 'node:http';
import type { HttpServiceHandler } from '../../../local/protocol/service';
import { startEndpoint, type Endpoint } from '../../../local/server';
import { CONSOLE_TOKEN_HEADER } from '../../../local/server/request-guard';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, since fetch may not set Host, Origin or Sec-Fetch-* itself. */
function send(endpoint: Endpoint, method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: endpoint.port, method, path, headers, setHost: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('the endpoint refuses what a web page elsewhere could ask of it', () => {
  let endpoint: Endpoint;
  const actions: string[] = [];
  let host: string;

  beforeAll(async () => {
    endpoint = await startEndpoint({ port: 0, region: 'us-east-1', account: '000000000000' });
    host = `127.0.0.1:${endpoint.port}`;
    const recorder: HttpServiceHandler = {
      signingNames: ['sqs'],
      pathPrefixes: ['/_aws/test'],
      async handle(request, _body, response) {
        actions.push(`${request.method} ${request.url}`);
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"QueueUrls":[]}');
      },
    };
    endpoint.mount(recorder);
    // SNS's query protocol by signing name, SQS's query protocol at queue URLs, and the runtime's own /_local/ actions.
    const queryRecorder: HttpServiceHandler = {
      signingNames: ['sns'],
      pathPrefixes: ['/000000000000', '/_local/test'],
      async handle(request, _body, response) {
        actions.push(`${request.method} ${request.url}`);
        response.writeHead(200, { 'Content-Type': 'text/xml' }).end('<Response/>');
      },
    };
    endpoint.mount(queryRecorder);
  });
  afterAll(() => endpoint.close());
  beforeEach(() => (actions.length = 0));

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('accepts the loopback name %s with its port', async (name) => {
    const answer = await send(endpoint, 'GET', '/_health', { Host: `${name}:${endpoint.port}` });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['a rebound DNS name', (port: number) => `attacker.example:${port}`],
    ['the loopback on another port', (port: number) => `127.0.0.1:${port + 1}`],
    ['the loopback without its port', () => '127.0.0.1'],
    ['another address of the machine', (port: number) => `192.168.1.10:${port}`],
  ])('refuses %s as Host, before any service runs', async (_what, hostFor) => {
    const answer = await send(endpoint, 'POST', '/_aws/test/clear', { Host: hostFor(endpoint.port) });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('ForbiddenHost');
    expect(actions).toEqual([]);
  });

  it('refuses any request whose Origin is another site, AWS API calls included', async () => {
    const form = await send(
      endpoint,
      'POST',
      '/',
      { Host: host, Origin: 'http://attacker.example', 'Content-Type': 'application/x-www-form-urlencoded', Authorization: signedFor('sqs') },
      'Action=PurgeQueue&QueueUrl=q',
    );
    expect(form.status).toBe(403);
    expect(form.body).toContain('ForbiddenOrigin');
    const sandboxedFrame = await send(endpoint, 'DELETE', '/_aws/test/mail', { Host: host, Origin: 'null' });
    expect(sandboxedFrame.status).toBe(403);
    expect(actions).toEqual([]);
  });

  it('takes actions by POST or DELETE only', async () => {
    const answer = await send(endpoint, 'PUT', '/_aws/test/clear', { Host: host });
    expect(answer.status).toBe(405);
    expect(actions).toEqual([]);
  });

  it("lets the endpoint's own pages act, and a browser request without Origin act only with the console's token", async () => {
    expect((await send(endpoint, 'DELETE', '/_aws/test/mail', { Host: host, Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200);
    expect((await send(endpoint, 'POST', '/_aws/test/clear', { Host: host, 'Sec-Fetch-Site': 'same-origin' })).status).toBe(403);
    expect((await send(endpoint, 'POST', '/_aws/test/clear', { Host: host, 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await send(endpoint, 'POST', '/_aws/test/clear', { Host: host, 'Sec-Fetch-Site': 'same-origin', [CONSOLE_TOKEN_HEADER]: 'guess' })).status).toBe(403);
    const withToken = await send(endpoint, 'POST', '/_aws/test/clear', { Host: host, 'Sec-Fetch-Site': 'same-origin', [CONSOLE_TOKEN_HEADER]: endpoint.token });
    expect(withToken.status).toBe(200);
    expect(actions).toEqual(['DELETE /_aws/test/mail', 'POST /_aws/test/clear']);
  });

  it('lets programs act (curl, npm run dlq): they send neither Origin nor Sec-Fetch-Site', async () => {
    expect((await send(endpoint, 'DELETE', '/_aws/test/mail', { Host: host })).status).toBe(200);
  });

  it("passes SQS's and SNS's query protocol as SDKs and the CLI send it: form posts without Origin, to / and to a queue URL", async () => {
    const form = { Host: host, 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' };
    const toQueueUrl = await send(endpoint, 'POST', '/000000000000/orders', form, 'Action=SendMessage&MessageBody=hi');
    const signedSqs = await send(endpoint, 'POST', '/', { ...form, Authorization: signedFor('sqs') }, 'Action=ListQueues');
    const signedSns = await send(endpoint, 'POST', '/', { ...form, Authorization: signedFor('sns') }, 'Action=Publish&TopicArn=t&Message=hi');
    expect([toQueueUrl.status, signedSqs.status, signedSns.status]).toEqual([200, 200, 200]);
    expect(actions).toEqual(['POST /000000000000/orders', 'POST /', 'POST /']);
  });

  it("treats the runtime's /_local/ pages (run a schedule, sweep TTL) as actions: a program may post, another site may not", async () => {
    expect((await send(endpoint, 'GET', '/_local/test/schedules', { Host: host })).status).toBe(200);
    expect((await send(endpoint, 'POST', '/_local/test/schedules/nightly', { Host: host })).status).toBe(200);
    expect((await send(endpoint, 'PUT', '/_local/test/schedules/nightly', { Host: host })).status).toBe(405);
    const crossSite = await send(endpoint, 'POST', '/_local/test/ttl-sweep', { Host: host, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(actions).toEqual(['GET /_local/test/schedules', 'POST /_local/test/schedules/nightly']);
  });

  it('accepts the Host the AWS SDK sends, and serves every response under a policy that allows nothing', async () => {
    const sqs = new SQSClient({ endpoint: endpoint.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const seen: string[] = [];
    sqs.middlewareStack.add((next) => async (args) => {
      seen.push(String((args.request as { headers: Record<string, string> }).headers.host));
      return next(args);
    }, { step: 'finalizeRequest' });
    // No SQS is mounted here: the service's own error proves the request passed the guard.
    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toMatchObject({ name: 'UnknownOperationException' });
    sqs.destroy();
    expect(seen).toEqual([host]);
    const answer = await send(endpoint, 'GET', '/_health', { Host: host });
    expect(answer.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });
});

function signedFor(service: string): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;
}
