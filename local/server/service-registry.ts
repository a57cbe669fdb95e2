import type { HttpServiceHandler, JsonServiceHandler } from '../protocol/service';

export type ServiceHandler = JsonServiceHandler | HttpServiceHandler;

/** What `GET /_health` reports: every mounted target prefix, signing name and path prefix. */
export interface MountedServices {
  targetPrefixes: string[];
  signingNames: string[];
  pathPrefixes: string[];
}

function isJsonHandler(handler: ServiceHandler): handler is JsonServiceHandler {
  return 'targetPrefixes' in handler;
}

/** The handlers mounted on the endpoint, indexed by how requests find them. A name may be claimed only once. */
export class ServiceRegistry {
  private readonly byTargetPrefix = new Map<string, JsonServiceHandler>();
  private readonly bySigningName = new Map<string, HttpServiceHandler>();
  private readonly byPathPrefix: Array<{ prefix: string; handler: HttpServiceHandler }> = [];

  mount(handler: ServiceHandler): void {
    if (isJsonHandler(handler)) {
      for (const prefix of handler.targetPrefixes) claim(this.byTargetPrefix, prefix, handler, 'X-Amz-Target prefix');
      return;
    }
    for (const name of handler.signingNames) claim(this.bySigningName, name, handler, 'signing name');
    for (const prefix of handler.pathPrefixes) {
      if (this.byPathPrefix.some((entry) => entry.prefix === prefix)) {
        throw new Error(`Path prefix "${prefix}" is already mounted on the endpoint`);
      }
      this.byPathPrefix.push({ prefix, handler });
    }
    // Longest prefix first, so /_aws/ses/raw can be mounted apart from /_aws/ses.
    this.byPathPrefix.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  jsonHandler(targetPrefix: string): JsonServiceHandler | undefined {
    return this.byTargetPrefix.get(targetPrefix);
  }

  httpHandlerForSigningName(service: string): HttpServiceHandler | undefined {
    return this.bySigningName.get(service);
  }

  httpHandlerForPath(path: string): HttpServiceHandler | undefined {
    for (const { prefix, handler } of this.byPathPrefix) {
      if (path === prefix || path.startsWith(`${prefix}/`)) return handler;
    }
    return undefined;
  }

  get isEmpty(): boolean {
    return this.byTargetPrefix.size === 0 && this.bySigningName.size === 0 && this.byPathPrefix.length === 0;
  }

  mounted(): MountedServices {
    return {
      targetPrefixes: [...this.byTargetPrefix.keys()],
      signingNames: [...this.bySigningName.keys()],
      pathPrefixes: this.byPathPrefix.map((entry) => entry.prefix),
    };
  }
}

function claim<T>(index: Map<string, T>, name: string, handler: T, kind: string): void {
  if (index.has(name)) throw new Error(`${kind} "${name}" is already mounted on the endpoint`);
  index.set(name, handler);
}
