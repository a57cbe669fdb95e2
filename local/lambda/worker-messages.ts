/** Messages between the runtime and a function's worker thread (see worker-bootstrap.js). */
export interface WorkerData {
  codeDir: string;
  /** `file.export`, as in CloudFormation. */
  handler: string;
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
}

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
