/**
 * The event as an object, from raw JSON text or an already-parsed value. Anything that is not a JSON object
 * (malformed text, arrays, scalars) has no fields, so no pattern can match it.
 */
export function eventObject(event: string | object): object | undefined {
  if (typeof event !== 'string') return event !== null && !Array.isArray(event) ? event : undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(event);
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : undefined;
}
