import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  url: string;
  /** Each request's body, in order. */
  bodies: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that answers every request with `respond`, recording what it was sent. */
export async function loopbackServer(respond: (body: string, response: ServerResponse, request: IncomingMessage) => void): Promise<LoopbackServer> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      respond(body, response, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const CALLER = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/ada' };

/**
 * Stands in for STS in a command's AWS mode (the SDK sends STS calls to AWS_ENDPOINT_URL_STS): GetCallerIdentity
 * answers as AWS documents it, for the caller CALLER.
 */
export function fakeSts(): Promise<LoopbackServer> {
  return loopbackServer((body, response) => {
    if (new URLSearchParams(body).get('Action') !== 'GetCallerIdentity') {
      response.writeHead(400, { 'Content-Type': 'text/xml' }).end('<ErrorResponse><Error><Code>InvalidAction</Code></Error></ErrorResponse>');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/xml' }).end(
      `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
        `<Arn>${CALLER.arn}</Arn><UserId>AIDAEXAMPLE</UserId><Account>${CALLER.account}</Account>` +
        `</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    );
  });
}

/** A loopback URL nothing listens on (a port just released): "AWS is unreachable" without leaving the machine. */
export async function unreachableLoopbackUrl(): Promise<string> {
  const server = await loopbackServer((_body, response) => response.end());
  await server.close();
  return server.url;
}
