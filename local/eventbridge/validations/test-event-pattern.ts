import { invalidParameter } from '../errors';
import { requiredString } from './fields';

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

export interface TestEventPatternInput {
  EventPattern: string;
  Event: Record<string, unknown>;
}

export function validateTestEventPattern(input: Record<string, unknown>): TestEventPatternInput {
  const EventPattern = requiredString(input, 'EventPattern');
  return { EventPattern, Event: parseEvent(requiredString(input, 'Event')) };
}

function parseEvent(text: string): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw invalidParameter('Event', 'Event is not valid JSON.');
  }
  if (event === null || typeof event !== 'object' || Array.isArray(event)) throw invalidParameter('Event', 'Event must be a JSON object.');
  const missing = REQUIRED_EVENT_FIELDS.filter((field) => !(field in event));
  if (missing.length > 0) throw invalidParameter('Event', `Provided Event is missing required fields: ${missing.join(', ')}.`);
  return event as Record<string, unknown>;
}
