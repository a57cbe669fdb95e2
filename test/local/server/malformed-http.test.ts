import * as net from 'node:net';
import type { JsonServiceHandler } from '../../../local/protocol/service';
import { startEndpoint, type Endpoint } from '../../../local/server';

/**
 * Writes raw bytes to the endpoint and collects everything it answers until it closes the connection. `{host}` in
 * a write becomes the endpoint's own host and port, the only Host it accepts a well-formed request for.
 */
function exchange(port: number, ...writes: Array<string | 'close'>): Promise<{ answer: string; reset: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let reset = false;
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', () => (reset = true));
    socket.on('close', () => resolve({ answer, reset }));
    socket.on('connect', () => {
      for (const write of writes) {
        if (write === 'close') socket.destroy();
        else socket.write(write.replaceAll('{host}', `127.0.0.1:${port}`));
      }
    });
  });
}

const echo: JsonServiceHandler = { targetPrefixes: ['Echo'], handle: (_operation, input) => input };

describe('the endpoint on malformed HTTP', () => {
  let endpoint: Endpoint;
  let errors: jest.SpyInstance;
  beforeAll(async () => {
    endpoint = await startEndpoint({ port: 0, region: 'us-east-1', account: '000000000000' });
    endpoint.mount(echo);
  });
  afterAll(() => endpoint.close());
  beforeEach(() => (errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)));
  afterEach(() => errors.mockRestore());

  it.each([
    ['a bad request line', 'NOT AN HTTP REQUEST\r\n\r\n', 'HPE_INVALID_METHOD'],
    ['a header without a colon', 'POST / HTTP/1.1\r\nHost: {host}\r\nThis header has no colon\r\n\r\n', 'HPE_INVALID_HEADER_TOKEN'],
    ['a bad Content-Length', 'POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: twelve\r\n\r\n', 'HPE_INVALID_CONTENT_LENGTH'],
    [
      'a bad chunk',
      'POST / HTTP/1.1\r\nHost: {host}\r\nX-Amz-Target: Echo.Op\r\nContent-Type: application/x-amz-json-1.0\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
      'HPE_INVALID_CHUNK_SIZE',
    ],
  ])('answers %s with a 400 that names the problem', async (_what, request, code) => {
    const { answer, reset } = await exchange(endpoint.port, request);
    expect(reset).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('Connection: close');
    expect(answer).toContain("Content-Security-Policy: default-src 'none'");
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { __type: string; message: string };
    expect(body.__type).toBe('MalformedHttpRequest');
    expect(body.message).toContain(code);
  });

  it('answers headers over the limit with a 431', async () => {
    const { answer, reset } = await exchange(endpoint.port, `GET /_health HTTP/1.1\r\nHost: {host}\r\nX-Padding: ${'x'.repeat(20_000)}\r\n\r\n`);
    expect(reset).toBe(false);
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('does not log a body the client abandoned as an internal failure', async () => {
    const { answer } = await exchange(
      endpoint.port,
      'POST / HTTP/1.1\r\nHost: {host}\r\nX-Amz-Target: Echo.Op\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n{"partial":',
      'close',
    );
    expect(answer).toBe('');
    // A well-formed request afterwards is the sentinel: the abandoned one has been handled by the time it answers.
    const { answer: next } = await exchange(endpoint.port, 'GET /_health HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n');
    expect(next).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(errors).not.toHaveBeenCalled();
  });
});
