import type { SqsEngine } from './engine';
import type { QueueCounts } from './queue';
import type { MessageAttributes } from './types';

/** A queue as the console shows it. */
export interface QueueView {
  name: string;
  arn: string;
  counts: QueueCounts;
  /** Some queue's redrive policy names this one as its dead-letter queue. */
  deadLetterQueueOfQueues: boolean;
}

/** A message as the console shows it, read without receiving it: its visibility and receive count stay as they were. */
export interface MessageView {
  messageId: string;
  body: string;
  messageAttributes?: MessageAttributes;
  sentTimestamp: number;
  receiveCount: number;
  state: 'visible' | 'in flight' | 'delayed';
  deadLetterQueueSourceArn?: string;
  traceSpan?: string;
}

/** What the console reads of the queues, without changing them. */
export interface SqsInspection {
  queues(): QueueView[];
  /** Up to `limit` messages of a queue, oldest first; throws for a queue that does not exist. */
  messages(queueArnOrName: string, limit: number): MessageView[];
}

export function inspectSqs(engine: SqsEngine): SqsInspection {
  return {
    queues: () =>
      engine.queues().map((queue) => ({ name: queue.name, arn: queue.arn, counts: queue.counts(), deadLetterQueueOfQueues: engine.isDeadLetterQueue(queue) })),
    messages(queueArnOrName, limit) {
      const now = engine.now();
      return engine
        .queue(queueArnOrName)
        .storedMessages(limit)
        .map((message) => ({
          messageId: message.messageId,
          body: message.body,
          ...(message.messageAttributes ? { messageAttributes: message.messageAttributes } : {}),
          sentTimestamp: message.sentTimestamp,
          receiveCount: message.receiveCount,
          state: message.visibleAt <= now ? 'visible' : message.receiptHandle !== undefined ? 'in flight' : 'delayed',
          ...(message.deadLetterQueueSourceArn ? { deadLetterQueueSourceArn: message.deadLetterQueueSourceArn } : {}),
          ...(message.traceSpan ? { traceSpan: message.traceSpan } : {}),
        }));
    },
  };
}
