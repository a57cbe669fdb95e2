import { InvalidEventPatternError, compilePattern } from '../../patterns';
import { invalidEventPattern } from '../errors';
import { invalidParameter, requiredString } from '../input';
import type { EventBridgeService, Input } from '../service';

const REQUIRED_EVENT_FIELDS = ['id', 'account', 'source', 'time', 'region', 'detail-type'] as const;

export function testEventPattern(_service: EventBridgeService, input: Input): { Result: boolean } {
  const patternText = requiredString(input, 'EventPattern');
  const event = parseEvent(requiredString(input, 'Event'));
  let matcher: ReturnType<typeof compilePattern>;
  try {
    matcher = compilePattern(patternText);
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw invalidEventPattern(error.message);
    throw error;
  }
  return { Result: matcher.matches(event) };
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
