import { eventTitle, tsString, type TemplateValues } from './template-values';

/** `services/<name>/event.ts`: the subscribed event's type and its check against the contract. */
export function renderEventModule({ event }: TemplateValues): string {
  const contract = event.contractExport;
  return `import type { EventBridgeEvent } from 'aws-lambda';
import type { EventDetail } from '../../events/contract';
import { ${contract} } from '../../${event.modulePath}';

/** What this subscriber receives: an EventBridge event whose detail follows the ${eventTitle(event)} contract. */
export type SubscribedEvent = EventBridgeEvent<${tsString(event.contract.detailType)}, EventDetail<typeof ${contract}>>;

/** A delivered event that breaks the contract. Its message names the field, never the value, so it is safe to log. */
export class InvalidEventError extends Error {
  override readonly name = 'InvalidEventError';
}

/** Checks the envelope and validates the detail against the contract; from here on \`event.detail\` is typed. */
export function parseEvent(value: unknown): SubscribedEvent {
  const event = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (event.source !== ${contract}.source || event['detail-type'] !== ${contract}.detailType) {
    throw new InvalidEventError(\`expected a \${${contract}.source} \${${contract}.detailType} event\`);
  }
  const result = ${contract}.validate(event.detail);
  if (!result.ok) throw new InvalidEventError(\`detail breaks the contract: \${result.errors.join('; ')}\`);
  return { ...(event as unknown as SubscribedEvent), detail: result.value };
}
`;
}
