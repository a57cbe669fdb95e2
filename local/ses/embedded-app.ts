import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { sesPackage } from './package';

/** The aws-ses-v2-local express app, run in-process: the endpoint hands it requests it has already read. */
export interface EmbeddedSesApp {
  /** Runs the app on a request whose body the endpoint already consumed, and resolves when it has answered. */
  handle(request: IncomingMessage, parsedBody: unknown, response: ServerResponse, path: string): Promise<void>;
}

/**
 * The package only exposes a function that builds its express app and listens. It listens on an ephemeral
 * loopback port for an instant; the app is taken from the server and the server closed, so nothing stays bound.
 */
export async function embedSesApp(): Promise<EmbeddedSesApp> {
  const server = await sesPackage().startServer({ host: '127.0.0.1', port: 0 });
  const [app] = server.listeners('request') as RequestListener[];
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  if (!app) throw new Error('aws-ses-v2-local did not expose its request handler; its version may have changed');
  return {
    handle(request, parsedBody, response, path) {
      // Express's body parsers skip a request whose stream has ended, keeping the body set here.
      (request as IncomingMessage & { body?: unknown }).body = parsedBody;
      request.url = path;
      return new Promise((resolve) => {
        response.once('close', resolve);
        response.once('finish', resolve);
        app(request, response);
      });
    },
  };
}
