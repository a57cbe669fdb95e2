import { renderHandleEvent } from './handle-event';
import { tsString, type TemplateValues } from './template-values';

/** `services/<name>/handler.ts` for direct delivery: the rule invokes it asynchronously with one EventBridge event. */
export function renderDirectHandler(values: TemplateValues): string {
  return `import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { InvalidEventError, parseEvent, type SubscribedEvent } from './event';

const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? ${tsString(values.name)} });

${renderHandleEvent(values, "Throwing hands the event to Lambda's retries, then to the DLQ.")}

/** Invoked asynchronously by the subscriber's rule with one EventBridge event. */
export const handler = async (event: unknown, context: Context): Promise<void> => {
  logger.addContext(context);
  try {
    await handleEvent(parseEvent(event));
  } catch (error) {
    if (error instanceof InvalidEventError) logger.error('Invalid event; failing so the DLQ keeps it', { reason: error.message });
    throw error;
  }
};
`;
}
