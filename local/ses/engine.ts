import type { PackageHandler, SesPackage } from './package';

/**
 * aws-ses-v2-local as the capture engine, without its HTTP layer.
 *
 * The package answers each SES operation with an express handler that reads only `req.body`, `req.params` and
 * `req.query` and answers with `res.status(code).send(body)`. Calling those handlers with a plain request and a
 * reply recorder keeps the local SES actions free of any wire protocol: an action hands the engine the operation's
 * members and gets back what to answer, and only the endpoint's handler writes it to the client.
 */
export interface EngineRequest {
  body: Record<string, unknown>;
  /** Path parameters, such as a template's name. */
  params?: Record<string, string>;
  query?: Record<string, string>;
}

/** What the engine answers: an XML document (v1) or a JSON value (v2), and its status. */
export interface EngineReply {
  statusCode: number;
  body: unknown;
}

interface ReplyRecorder {
  status(code: number): ReplyRecorder;
  send(body: unknown): ReplyRecorder;
}

/** One of the package's operation handlers, picked from the package once it is loaded (package.ts says when). */
export type EngineOperation = (engine: SesPackage) => PackageHandler;

export const ENGINE = {
  v1: { sendEmail: (engine) => engine.v1.sendEmail, sendRawEmail: (engine) => engine.v1.sendRawEmail },
  v2: {
    sendEmail: (engine) => engine.v2.sendEmail,
    sendBulkEmail: (engine) => engine.v2.sendBulkEmail,
    createEmailTemplate: (engine) => engine.v2.createEmailTemplate,
    getEmailTemplate: (engine) => engine.v2.getEmailTemplate,
    listEmailTemplates: (engine) => engine.v2.listEmailTemplates,
    updateEmailTemplate: (engine) => engine.v2.updateEmailTemplate,
    deleteEmailTemplate: (engine) => engine.v2.deleteEmailTemplate,
    testRenderEmailTemplate: (engine) => engine.v2.testRenderEmailTemplate,
    getAccount: (engine) => engine.v2.getAccount,
  },
} as const satisfies Record<'v1' | 'v2', Record<string, EngineOperation>>;

/** Runs one of the package's handlers and resolves with its first answer; a handler that fails rejects. */
export function callEngine(handler: PackageHandler, request: EngineRequest): Promise<EngineReply> {
  return new Promise((resolve, reject) => {
    let statusCode = 200;
    const reply: ReplyRecorder = {
      status(code) {
        statusCode = code;
        return reply;
      },
      send(body) {
        resolve({ statusCode, body });
        return reply;
      },
    };
    try {
      Promise.resolve(handler({ params: {}, query: {}, ...request }, reply, (error) => reject(error ?? new Error('aws-ses-v2-local passed the request on unanswered')))).catch(reject);
    } catch (error) {
      reject(error);
    }
  });
}
