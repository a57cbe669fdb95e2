import createEmailTemplate from 'aws-ses-v2-local/dist/v2/createEmailTemplate';
import deleteEmailTemplate from 'aws-ses-v2-local/dist/v2/deleteEmailTemplate';
import getAccount from 'aws-ses-v2-local/dist/v2/getAccount';
import getEmailTemplate from 'aws-ses-v2-local/dist/v2/getEmailTemplate';
import listEmailTemplates from 'aws-ses-v2-local/dist/v2/listEmailTemplates';
import sendBulkEmail from 'aws-ses-v2-local/dist/v2/sendBulkEmail';
import sendEmailV2 from 'aws-ses-v2-local/dist/v2/sendEmail';
import testRenderEmailTemplate from 'aws-ses-v2-local/dist/v2/testRenderEmailTemplate';
import updateEmailTemplate from 'aws-ses-v2-local/dist/v2/updateEmailTemplate';
import sendEmailV1 from 'aws-ses-v2-local/dist/v1/sendEmail';
import sendRawEmailV1 from 'aws-ses-v2-local/dist/v1/sendRawEmail';

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

type PackageHandler = (request: EngineRequest, reply: ReplyRecorder, next: (error?: unknown) => void) => unknown;

/** One of the package's operation handlers. */
export type EngineOperation = PackageHandler;

export const ENGINE = {
  v1: { sendEmail: sendEmailV1 as PackageHandler, sendRawEmail: sendRawEmailV1 as PackageHandler },
  v2: {
    sendEmail: sendEmailV2 as PackageHandler,
    sendBulkEmail: sendBulkEmail as PackageHandler,
    createEmailTemplate: createEmailTemplate as PackageHandler,
    getEmailTemplate: getEmailTemplate as PackageHandler,
    listEmailTemplates: listEmailTemplates as PackageHandler,
    updateEmailTemplate: updateEmailTemplate as PackageHandler,
    deleteEmailTemplate: deleteEmailTemplate as PackageHandler,
    testRenderEmailTemplate: testRenderEmailTemplate as PackageHandler,
    getAccount: getAccount as PackageHandler,
  },
} as const;

/** Runs one of the package's handlers and resolves with its first answer; a handler that fails rejects. */
export function callEngine(handler: EngineOperation, request: EngineRequest): Promise<EngineReply> {
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
