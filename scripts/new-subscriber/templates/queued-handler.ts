import { renderHandleEvent } from './handle-event';
import { tsString, type TemplateValues } from './template-values';

/** `services/<name>/handler.ts` for queued delivery: SQS batches with partial failures, as `services/welcome-email`. */
export function renderQueuedHandler(values: TemplateValues): string {
  return `import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { InvalidEventError, parseEvent, type SubscribedEvent } from './event';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? ${tsString(values.name)} });
const processor = new BatchProcessor(EventType.SQS);

${renderHandleEvent(values, 'Throwing fails this message only: the queue retries it, then moves it to the DLQ.')}

/** Each message body is a whole EventBridge event. */
function eventOf(record: SQSRecord): SubscribedEvent {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new InvalidEventError('message body is not JSON');
  }
  return parseEvent(body);
}

async function processMessage(record: SQSRecord): Promise<void> {
  try {
    await handleEvent(eventOf(record));
  } catch (error) {
    // Logged here because the batch processor only reports the message id back to the queue.
    if (error instanceof InvalidEventError) logger.error('Invalid message', { messageId: record.messageId, reason: error.message });
    throw error;
  }
}

/** A batch from the subscriber's queue; failed messages are reported back individually, so only they are retried. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  logger.addContext(context);
  return processPartialResponse(event, processMessage, processor, { context, throwOnFullBatchFailure: false });
};
`;
}
