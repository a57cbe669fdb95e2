/** Messages between the runtime and a function's worker thread (see worker-bootstrap.js). */
export interface WorkerData {
  codeDir: string;
  /** `file.export`, as in CloudFormation. */
  handler: string;
  /** Set when invocations are traced: how the bootstrap marks output and the requests a handler makes. */
  tracing?: {
    /** Written with the span id before each invocation's output (INVOCATION_MARK). */
    mark: string;
    /** The header requests to the endpoint carry the invocation's span in (TRACE_PARENT_HEADER). */
    header: string;
    /** Only requests to this endpoint carry it, for example http://127.0.0.1:4566. */
    endpoint: string;
  };
  /** The folder whose node_modules holds the AWS SDK v3 the runtime provides, as Lambda's Node.js runtimes do. */
  sdkBase: string;
}

export interface InvokeContextData {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  /** Epoch milliseconds at which the invocation times out. */
  deadlineMs: number;
}

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  /** The event as JSON, as Lambda hands it to a handler. */
  eventJson: string;
  context: InvokeContextData;
  /**
   * The invocation's span (local/trace). The bootstrap marks the start of the invocation's output with it (see
   * INVOCATION_MARK) and adds it as x-local-trace-parent to every request the handler makes to the endpoint.
   */
  traceParent?: string;
}

/**
 * A line the bootstrap writes to stdout and stderr as an invocation starts, followed by its span id: the lines
 * after it, up to the next mark, are that invocation's output, even those that arrive after its result.
 */
export const INVOCATION_MARK = '\u001elocal-invocation ';

export interface WorkerErrorShape {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: WorkerErrorShape }
  /** `payloadJson` is undefined when the handler returned nothing. */
  | { type: 'result'; id: number; payloadJson?: string }
  | { type: 'error'; id: number; error: WorkerErrorShape };
