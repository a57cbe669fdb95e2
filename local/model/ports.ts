import type { AuthorizationCheck, RequestCaller } from '../protocol/authorization';

/**
 * The in-process interfaces between emulated services. Each service implements its own port and
 * depends on the others only through these, so the Pipes runner never reaches into SQS storage,
 * and the bus never knows how a Lambda worker is spawned.
 */

/**
 * The hop that caused a call through a port (see local/trace): the callee records its own hop as caused by it. It
 * comes after the call's caller (local IAM), which every port call names.
 */
export interface TraceOptions {
  traceParent?: string;
}

/** Who made a change that no client made: DynamoDB's TTL sweeper, for one. */
export interface StreamUserIdentity {
  type: 'Service';
  principalId: 'dynamodb.amazonaws.com';
}

/** A DynamoDB Streams record, as a Pipe or an event source mapping hands it on, and as GetRecords returns it. */
export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime: number;
    Keys: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: string;
  };
  /** Present only on REMOVE records of items that time to live expired. GetRecords spells it `{ PrincipalId, Type }`. */
  userIdentity?: StreamUserIdentity;
  /** Added by Pipes and Lambda event source mappings, not by GetRecords. */
  eventSourceARN?: string;
}

/** One reader of a stream's shard: a pipe or an event source mapping, for as long as it runs. */
export interface StreamReader {
  /**
   * Records with a sequence number strictly greater than `afterSequenceNumber` (or from the trim horizon when
   * undefined), in order. Throws while the stream cannot be read, and with LimitExceededException while two other
   * readers hold the shard, as DynamoDB Streams throttles a third.
   */
  readAfter(afterSequenceNumber: string | undefined, limit: number): StreamRecord[];
  /** Gives the reader's place on the shard back. */
  detach(): void;
}

export interface StreamsPort {
  /** The single shard of a stream; the local runtime keeps one shard per stream. */
  shardId(streamArn: string): string;
  /**
   * Starts reading the stream's shard as `name` (for example `pipe orders`), taking one of its two readers' places
   * now if one is free, else at a later read when one frees.
   */
  attachReader(streamArn: string, name: string): StreamReader;
  /** The newest sequence number, for LATEST starting positions. Undefined for an empty stream. */
  latestSequenceNumber(streamArn: string): string | undefined;
  /** Calls `listener` after any record is appended to the stream. Returns an unsubscribe function. */
  onAppend(streamArn: string, listener: () => void): () => void;
}

export interface SqsSendInput {
  body: string;
  delaySeconds?: number;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  /** The hop that sent the message; `deadLetter` marks a message sent to a dead-letter queue or destination. */
  trace?: { parent?: string; deadLetter?: boolean };
}

export interface SqsReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: {
    ApproximateReceiveCount: string;
    SentTimestamp: string;
    ApproximateFirstReceiveTimestamp: string;
    SenderId: string;
  };
  messageAttributes?: SqsSendInput['messageAttributes'];
  /** The message's own span, the cause of whatever receives it. */
  traceSpan?: string;
}

/**
 * Every call of a port is made by a caller (a pipe's role, a function's role, EventBridge for a rule), which the port
 * authorizes as the service would an HTTP request: a refusal throws `AccessDeniedError`.
 */
export interface SqsPort {
  /** Throws when the queue does not exist. Returns the new message id. */
  send(queueArn: string, input: SqsSendInput, caller: RequestCaller): { messageId: string; md5OfBody: string };
  /** Receives up to `max` visible messages, making them invisible for the visibility timeout (or `visibilityTimeoutSeconds`). Applies the queue's redrive policy. */
  receive(queueArn: string, max: number, caller: RequestCaller, visibilityTimeoutSeconds?: number): SqsReceivedMessage[];
  /** Deletes a received message. Unknown or stale receipt handles are ignored, as SQS does. */
  delete(queueArn: string, receiptHandle: string, caller: RequestCaller): void;
  changeVisibility(queueArn: string, receiptHandle: string, visibilityTimeoutSeconds: number, caller: RequestCaller): void;
  /** Calls `listener` whenever a message may have become receivable (sent, or visibility expired). */
  onAvailable(queueArn: string, listener: () => void): () => void;
  /** What a send to the queue needs of its caller, for callers that check before they send (a pipe's DLQ). */
  sendPermissions(queueArn: string): readonly AuthorizationCheck[];
}

export interface LambdaInvokeResult {
  /** The handler's return value, JSON-serializable; undefined when the handler returned nothing. */
  payload?: unknown;
  /** Set when the handler threw, timed out or ran out of memory. */
  error?: { errorType: string; errorMessage: string; trace?: string[] };
  /** The invocation's span, the cause of what its result leads to (a pipe's target call after its enrichment). */
  traceSpan?: string;
}

export interface LambdaPort {
  /** RequestResponse invocation. Rejects only when the caller may not invoke: other failures come back in `error`. */
  invoke(functionArn: string, event: unknown, caller: RequestCaller, options?: TraceOptions): Promise<LambdaInvokeResult>;
  /**
   * Event (asynchronous) invocation: queued durably, retried per the function's async config,
   * then sent to its on-failure destination. Resolves once the event is accepted.
   */
  invokeAsync(functionArn: string, event: unknown, caller: RequestCaller, options?: TraceOptions): Promise<void>;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: string | Date;
  TraceHeader?: string;
}

export interface PutEventsResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

export interface EventBridgePort {
  /** Each entry is authorized for `caller` (a pipe's role, a function's role), as a PutEvents request would be. */
  putEvents(entries: PutEventsEntry[], caller: RequestCaller, options?: TraceOptions): { FailedEntryCount: number; Entries: PutEventsResultEntry[] };
}

export interface SnsPublishInput {
  message: string;
  subject?: string;
  messageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
}

export interface SnsPort {
  /** Publishes to a topic; rejects with NotFound when the template has no such topic. Resolves once every subscription has its copy. */
  publish(topicArn: string, input: SnsPublishInput, caller: RequestCaller, options?: TraceOptions): Promise<{ messageId: string }>;
}
