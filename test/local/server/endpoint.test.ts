import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLER_WITHOUT_IAM } from '../../../local/protocol/authorization';
import { AwsError } from '../../../local/protocol/aws-error';
import type { HttpServiceHandler, JsonServiceHandler, RequestContext } from '../../../local/protocol/service';
import { startEndpoint, type Endpoint } from '../../../local/server';

const SIGNED_FOR = (service: string, region = 'eu-west-1') =>
  `AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20260101/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

interface Received {
  operation: string;
  input: Record<string, unknown>;
  context: RequestContext;
}

function recordingJsonHandler(prefix: string, received: Received[]): JsonServiceHandler {
  return {
    targetPrefixes: [prefix],
    handle(operation, input, context) {
      received.push({ operation, input, context });
      if (operation === 'Fail') throw new AwsError('ResourceNotFoundException', 'No such thing', 400, 'com.example#', { Extra: 1 });
      if (operation === 'Crash') throw new TypeError('handler bug');
      return Promise.resolve({ echoed: input });
    },
  };
}

function textHandler(names: { signingNames?: string[]; pathPrefixes?: string[] }, reply: string): HttpServiceHandler {
  return {
    signingNames: names.signingNames ?? [],
    pathPrefixes: names.pathPrefixes ?? [],
    async handle(request, body, response, context) {
      if (body.toString().includes('Action=Crash')) throw new Error('query handler bug');
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end(`${reply} ${request.method} ${request.url} ${context.region} ${body.toString()}`);
    },
  };
}

describe('the local endpoint', () => {
  let endpoint: Endpoint;
  const received: Received[] = [];

  beforeAll(async () => {
    endpoint = await startEndpoint({ port: 0, region: 'us-east-1', account: '000000000000' });
    endpoint.mount(recordingJsonHandler('Test_20200101', received));
    endpoint.mount(textHandler({ signingNames: ['sqs'] }, 'sqs'));
    endpoint.mount(textHandler({ pathPrefixes: ['/_aws/ses'] }, 'ses-page'));
  });
  afterAll(() => endpoint.close());
  beforeEach(() => (received.length = 0));

  const post = (path: string, headers: Record<string, string>, body: string) =>
    fetch(`${endpoint.url}${path}`, { method: 'POST', headers, body });
  const json = (target: string, body: string, extra: Record<string, string> = {}) =>
    post('/', { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target, ...extra }, body);

  it('listens on 127.0.0.1 only, on the free port it was given', () => {
    expect(endpoint.url).toBe(`http://127.0.0.1:${endpoint.port}`);
    expect(endpoint.port).toBeGreaterThan(0);
  });

  it('refuses any host other than the loopback address', async () => {
    await expect(startEndpoint({ port: 0, host: '0.0.0.0', region: 'us-east-1', account: '0' })).rejects.toThrow(
      'refusing host "0.0.0.0"',
    );
  });

  it('answers a retryable 503 before any service is mounted, as while the runtime starts', async () => {
    const starting = await startEndpoint({ port: 0, region: 'us-east-1', account: '000000000000' });
    try {
      const response = await fetch(`${starting.url}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.PutItem' },
        body: '{}',
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ __type: 'ServiceUnavailable' });
    } finally {
      await starting.close();
    }
  });

  it('hands a JSON-protocol operation to the handler of its X-Amz-Target prefix, with the signed region', async () => {
    const response = await json('Test_20200101.DoThing', '{"Name":"x"}', { Authorization: SIGNED_FOR('test', 'eu-west-1') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({ echoed: { Name: 'x' } });
    expect(received).toEqual([
      {
        operation: 'DoThing',
        input: { Name: 'x' },
        context: { region: 'eu-west-1', account: '000000000000', endpoint: endpoint.url, caller: CALLER_WITHOUT_IAM },
      },
    ]);
  });

  it('asks who the caller is from the signing credentials and the client address, once callers are identified', async () => {
    const seen: unknown[] = [];
    const caller = { name: 'someone', authorize: () => undefined };
    endpoint.identifyCallers((credentials, sourceIp) => {
      seen.push({ credentials, sourceIp });
      return caller;
    });
    try {
      await json('Test_20200101.DoThing', '{}', { authorization: SIGNED_FOR('test'), 'x-amz-security-token': 'token-1' });
      expect(seen).toEqual([{ credentials: { accessKeyId: 'AKIDLOCAL', sessionToken: 'token-1' }, sourceIp: '127.0.0.1' }]);
      expect(received[0].context.caller).toBe(caller);
    } finally {
      endpoint.identifyCallers(() => CALLER_WITHOUT_IAM);
    }
  });

  it('uses the default region for unsigned requests', async () => {
    await json('Test_20200101.DoThing', '{}');
    expect(received[0].context.region).toBe('us-east-1');
  });

  it('answers an unknown target prefix with UnknownOperationException', async () => {
    const response = await json('Nope_20200101.DoThing', '{}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ __type: 'UnknownOperationException', message: 'Unknown operation Nope_20200101.DoThing' });
  });

  it('answers a malformed JSON body with SerializationException, without calling the handler', async () => {
    const response = await json('Test_20200101.DoThing', '{"Name":');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { __type: string; message: string };
    expect(body.__type).toBe('SerializationException');
    expect(body.message).toMatch(/not valid JSON/);
    expect(received).toHaveLength(0);
  });

  it('answers a JSON body that is not an object with SerializationException', async () => {
    const response = await json('Test_20200101.DoThing', '[1,2]');
    expect(await response.json()).toEqual({ __type: 'SerializationException', message: 'Request body must be a JSON object' });
  });

  it('serializes an AwsError with its status, namespaced __type, message and extra fields', async () => {
    const response = await json('Test_20200101.Fail', '{}');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ Extra: 1, __type: 'com.example#ResourceNotFoundException', message: 'No such thing' });
  });

  it('turns an unexpected failure into a 500 InternalFailure, logs it, and keeps serving', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await json('Test_20200101.Crash', '{}');
      expect(response.status).toBe(500);
      expect(((await response.json()) as { __type: string }).__type).toBe('InternalFailure');
      expect(log).toHaveBeenCalledWith(expect.stringContaining('TypeError: handler bug'));
    } finally {
      log.mockRestore();
    }
    expect((await json('Test_20200101.DoThing', '{}')).status).toBe(200);
  });

  it('hands a form-encoded query request signed for sqs to the handler of that signing name', async () => {
    const response = await post(
      '/000000000000/my-queue',
      { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: SIGNED_FOR('sqs', 'us-west-2') },
      'Action=GetQueueUrl&QueueName=my-queue',
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('sqs POST /000000000000/my-queue us-west-2 Action=GetQueueUrl&QueueName=my-queue');
  });

  it('answers a failing query-protocol handler with an XML ErrorResponse', async () => {
    const log = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await post('/', { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: SIGNED_FOR('sqs') }, 'Action=Crash');
      expect(response.status).toBe(500);
      expect(await response.text()).toMatch(/<ErrorResponse .*<Code>InternalFailure<\/Code>/);
    } finally {
      log.mockRestore();
    }
  });

  it('routes unsigned requests by path prefix', async () => {
    const response = await fetch(`${endpoint.url}/_aws/ses?email=x`);
    expect(await response.text()).toBe('ses-page GET /_aws/ses?email=x us-east-1 ');
    expect((await fetch(`${endpoint.url}/_aws/sesame`)).status).toBe(404);
  });

  it('answers a request no service claims with an AWS-shaped 404', async () => {
    const response = await post('/', { Authorization: SIGNED_FOR('kinesis') }, 'x');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      __type: 'UnknownOperationException',
      message: 'No service on this endpoint answers POST / (signed for "kinesis")',
    });
  });

  it('reports the mounted services at /_health', async () => {
    const response = await fetch(`${endpoint.url}/_health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'running',
      services: { targetPrefixes: ['Test_20200101'], signingNames: ['sqs'], pathPrefixes: ['/_aws/ses'] },
    });
  });

  it('refuses to mount a second handler for a name already taken', () => {
    expect(() => endpoint.mount(recordingJsonHandler('Test_20200101', []))).toThrow(
      'X-Amz-Target prefix "Test_20200101" is already mounted',
    );
  });

  it('keeps connections alive and serves many concurrent requests', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const call = () =>
      new Promise<{ status: number; socketPort: number }>((resolve, reject) => {
        const request = http.request(
          `${endpoint.url}/`,
          { method: 'POST', agent, headers: { 'X-Amz-Target': 'Test_20200101.DoThing', 'Content-Type': 'application/x-amz-json-1.0' } },
          (response) => {
            response.resume();
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, socketPort: (request.socket?.address() as AddressInfo).port }),
            );
          },
        );
        request.on('error', reject);
        request.end('{}');
      });
    const results = await Promise.all(Array.from({ length: 200 }, call));
    agent.destroy();
    expect(results.every((result) => result.status === 200)).toBe(true);
    expect(new Set(results.map((result) => result.socketPort)).size).toBeLessThanOrEqual(8);
  });
});
