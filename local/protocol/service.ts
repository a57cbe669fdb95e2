import type { RequestCaller } from './authorization';

/**
 * What an emulated service plugs into the one HTTP endpoint.
 * JSON-protocol services are chosen by the `X-Amz-Target` prefix; the operation is the part after the dot.
 */
export interface RequestContext {
  region: string;
  account: string;
  /** The endpoint as clients see it, for example http://127.0.0.1:4566, for building queue URLs. */
  endpoint: string;
  /** The invocation that made the request, from the x-local-trace-parent header a function's sandbox adds. */
  traceParent?: string;
  /** Who signed the request (local IAM maps its access key to a principal); every operation is authorized for it. */
  caller: RequestCaller;
}

export interface JsonServiceHandler {
  /** `X-Amz-Target` prefixes this service answers, for example `AWSEvents` or `AmazonSQS`. */
  readonly targetPrefixes: readonly string[];
  /** Runs one operation. Throws `AwsError` for AWS-shaped failures; anything else becomes a 500. */
  handle(operation: string, input: Record<string, unknown>, context: RequestContext): Promise<unknown> | unknown;
}

/**
 * A service with its own wire protocol (SES's query and REST APIs, inspection pages), handed the raw request.
 * The endpoint picks it by the SigV4 credential-scope service name of a signed request, or by path for unsigned ones.
 */
export interface HttpServiceHandler {
  /** Credential-scope service names, for example `ses`. */
  readonly signingNames: readonly string[];
  /** Unsigned paths this handler answers, for example `/_aws/ses`. */
  readonly pathPrefixes: readonly string[];
  handle(
    request: import('node:http').IncomingMessage,
    body: Buffer,
    response: import('node:http').ServerResponse,
    context: RequestContext,
  ): Promise<void>;
}
