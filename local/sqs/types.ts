import type { SqsSendInput } from '../model/ports';

export type MessageAttributes = NonNullable<SqsSendInput['messageAttributes']>;

/** One message as it is kept on disk; every field survives a restart. */
export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes?: MessageAttributes;
  md5OfMessageAttributes?: string;
  /** Epoch ms of the original send; retention counts from it, even after a move to a dead-letter queue. */
  sentTimestamp: number;
  /** Epoch ms from which the message can be received: the end of its delay or of its visibility timeout. */
  visibleAt: number;
  receiveCount: number;
  firstReceiveTimestamp?: number;
  /** The handle of the latest receive. Only it can delete the message or change its visibility. */
  receiptHandle?: string;
  /** Set when the redrive policy moved the message here. */
  deadLetterQueueSourceArn?: string;
  senderId: string;
  /** The message's span (local/trace): the cause of the batch that receives it. Kept, so it outlives a restart. */
  traceSpan?: string;
}

/** A DLQ redrive started with StartMessageMoveTask. */
export interface MoveTask {
  taskHandle: string;
  sourceArn: string;
  destinationArn?: string;
  moved: number;
  left: number;
  startedTimestamp: number;
}
