import { compilePipeFilters } from '../patterns';

/** What a filter sees of a message: its SQS event record (`body`, `attributes`, `messageAttributes`...). */
interface FilterableRecord {
  body: string;
}

/**
 * Lambda's FilterCriteria for an SQS event source. Lambda drops a message whose body's format (valid JSON or a
 * plain string) differs from the format the pattern gives `body` (an object or a list of rules). So a JSON object
 * body is matched as JSON, a body that is not JSON as a plain string, and a body that is a JSON scalar or array,
 * which no pattern can expect, matches no `body` pattern. Undefined when the mapping has no filters.
 */
export function sqsRecordFilter(filters: readonly string[] | undefined): ((record: FilterableRecord) => boolean) | undefined {
  if (filters === undefined || filters.length === 0) return undefined;
  const compiled = compilePipeFilters(filters);
  return (record) => compiled.matches({ ...record, body: parsedBody(record.body) });
}

/** An object with no fields stands for a JSON body no pattern can match. */
const UNMATCHABLE_BODY = Object.freeze({});

function parsedBody(body: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : UNMATCHABLE_BODY;
}
