import { tsString, type TemplateValues } from './template-values';

/** The function every handler kind shares: the one place the subscriber's own work goes. */
export function renderHandleEvent({ event }: TemplateValues, onFailure: string): string {
  return `/**
 * This subscriber's work for one event: replace the log line with it. Delivery is at least once, so make the work
 * idempotent, keyed on \`detail.metadata.idempotencyKey\`.
 * ${onFailure}
 */
async function handleEvent(event: SubscribedEvent): Promise<void> {
  const { eventId, idempotencyKey } = event.detail.metadata;
  logger.info(${tsString(`${event.contract.detailType} event handled`)}, { eventId, idempotencyKey });
}`;
}
