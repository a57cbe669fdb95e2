import type { Server } from 'node:http';
import type * as Store from 'aws-ses-v2-local/dist/store';

/**
 * One of aws-ses-v2-local's operation handlers: an express handler that reads only `req.body`, `req.params` and
 * `req.query` and answers with `res.status(code).send(body)` (see engine.ts).
 */
export type PackageHandler = (
  request: { body: Record<string, unknown>; params?: Record<string, string>; query?: Record<string, string> },
  reply: { status(code: number): unknown; send(body: unknown): unknown },
  next: (error?: unknown) => void,
) => unknown;

/** aws-ses-v2-local, whole: its per-process store, its operation handlers, and its express app's server. */
export interface SesPackage {
  store: Pick<typeof Store, 'getStoreReadonly' | 'clearStore'>;
  v1: { sendEmail: PackageHandler; sendRawEmail: PackageHandler };
  v2: {
    sendEmail: PackageHandler;
    sendBulkEmail: PackageHandler;
    createEmailTemplate: PackageHandler;
    getEmailTemplate: PackageHandler;
    listEmailTemplates: PackageHandler;
    updateEmailTemplate: PackageHandler;
    deleteEmailTemplate: PackageHandler;
    testRenderEmailTemplate: PackageHandler;
    getAccount: PackageHandler;
  };
  /** Builds the package's express app and listens (embedded-app.ts takes the app and closes the server). */
  startServer(config: { host: string; port: number }): Promise<Server>;
}

let loaded: SesPackage | undefined;

/**
 * The package, loaded at its first use rather than with the runtime: with express, nodemailer, mailparser,
 * handlebars and zod it takes longer to load than the rest of the runtime takes to start (about 0.2 s of a 0.6 s
 * warm start). The runtime loads it right after its start (`LocalRuntime.deferred`), and a request that reaches SES
 * before then loads it itself.
 */
export function sesPackage(): SesPackage {
  loaded ??= requirePackage();
  return loaded;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a require is the one form that loads a CommonJS package
   on demand, synchronously and alike under tsx, jest and the runtime's esbuild bundle. */
function requirePackage(): SesPackage {
  const handler = (module: unknown): PackageHandler => (module as { default: PackageHandler }).default;
  return {
    store: require('aws-ses-v2-local/dist/store') as typeof Store,
    v1: { sendEmail: handler(require('aws-ses-v2-local/dist/v1/sendEmail')), sendRawEmail: handler(require('aws-ses-v2-local/dist/v1/sendRawEmail')) },
    v2: {
      sendEmail: handler(require('aws-ses-v2-local/dist/v2/sendEmail')),
      sendBulkEmail: handler(require('aws-ses-v2-local/dist/v2/sendBulkEmail')),
      createEmailTemplate: handler(require('aws-ses-v2-local/dist/v2/createEmailTemplate')),
      getEmailTemplate: handler(require('aws-ses-v2-local/dist/v2/getEmailTemplate')),
      listEmailTemplates: handler(require('aws-ses-v2-local/dist/v2/listEmailTemplates')),
      updateEmailTemplate: handler(require('aws-ses-v2-local/dist/v2/updateEmailTemplate')),
      deleteEmailTemplate: handler(require('aws-ses-v2-local/dist/v2/deleteEmailTemplate')),
      testRenderEmailTemplate: handler(require('aws-ses-v2-local/dist/v2/testRenderEmailTemplate')),
      getAccount: handler(require('aws-ses-v2-local/dist/v2/getAccount')),
    },
    // The express app only serves the viewer's own API: it is loaded when the viewer first asks.
    startServer: (config) => (require('aws-ses-v2-local') as { default: SesPackage['startServer'] }).default(config),
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
