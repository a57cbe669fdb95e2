/**
 * EventBridge Pipes input transformation, by AWS's rules (the user guide's "Amazon EventBridge Pipes input
 * transformation"): `<$.json.path>` placeholders (dot notation, dashes, underscores, array indices and `*` wildcards)
 * and `<aws.pipes.*>` reserved variables.
 *
 * - In a JSON template (one that starts with `{` or `[`), a placeholder outside quotes is replaced by its value as
 *   JSON: strings get their quotes, objects and arrays stay objects and arrays. One inside quotes is replaced by its
 *   value as text, unescaped, and an object or array loses its inner quotes ("Body is <$.body>").
 * - Any other template is text, and every placeholder in it is replaced as text.
 * - A path that is not in the event adds nothing: `null` where a JSON value goes, nothing in text.
 * - A payload field that holds JSON as text (an SQS `body`) is read as the JSON it holds ("implicit body parsing").
 * - The result is handed on as JSON when it is JSON, and as a string otherwise.
 */
export interface PipeTemplateVariables {
  pipeArn: string;
  pipeName: string;
  sourceArn: string;
  enrichmentArn?: string;
  targetArn: string;
  /** `<aws.pipes.event.ingestion-time>`: when the transformer received the event, ISO 8601. */
  ingestionTime: string;
}

const PLACEHOLDER = /<(\$(?:\.(?:[A-Za-z0-9_-]+|\*)|\[(?:\d+|\*)\])*|aws\.pipes\.[a-z.-]+)>/g;
const PATH_STEP = /\.([A-Za-z0-9_-]+|\*)|\[(\d+|\*)\]/g;
/** Payload fields that carry their data as text, which Pipes reads as JSON when it is JSON. */
const ENCODED_FIELDS = ['body', 'data'];

/** The payload with its JSON-encoded fields decoded, as Pipes reads it for filters and templates. */
export function withDecodedBody(event: unknown): unknown {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return event;
  let decoded: Record<string, unknown> | undefined;
  for (const field of ENCODED_FIELDS) {
    const value = (event as Record<string, unknown>)[field];
    if (typeof value !== 'string') continue;
    const parsed = parseJson(value);
    if (parsed === undefined || parsed === null || typeof parsed !== 'object') continue;
    decoded ??= { ...(event as Record<string, unknown>) };
    decoded[field] = parsed;
  }
  return decoded ?? event;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The value at a path; with a `*` step, the array of every value it reaches. Undefined when the path is not there. */
function pathValue(event: unknown, path: string): unknown {
  const steps = [...path.slice(1).matchAll(PATH_STEP)].map(([, key, index]) => key ?? index);
  let values: unknown[] = [event];
  let wildcard = false;
  for (const step of steps) {
    const next: unknown[] = [];
    for (const value of values) {
      if (value === null || typeof value !== 'object') continue;
      if (step === '*') {
        wildcard = true;
        next.push(...Object.values(value as Record<string, unknown>));
      } else {
        const child = (value as Record<string, unknown>)[step];
        if (child !== undefined) next.push(child);
      }
    }
    values = next;
  }
  return wildcard ? values : values[0];
}

function reservedValue(name: string, event: unknown, decoded: unknown, variables: PipeTemplateVariables): unknown {
  switch (name) {
    case 'aws.pipes.pipe-arn':
      return variables.pipeArn;
    case 'aws.pipes.pipe-name':
      return variables.pipeName;
    case 'aws.pipes.source-arn':
      return variables.sourceArn;
    case 'aws.pipes.enrichment-arn':
      return variables.enrichmentArn;
    case 'aws.pipes.target-arn':
      return variables.targetArn;
    case 'aws.pipes.event.ingestion-time':
      return variables.ingestionTime;
    case 'aws.pipes.event':
      return typeof event === 'string' ? event : JSON.stringify(event);
    case 'aws.pipes.event.json':
      // Only a payload that is JSON has a value here: an enrichment may return plain text.
      return typeof event === 'string' ? parseJson(event) : decoded;
    default:
      throw new Error(`Unknown input template variable <${name}>`);
  }
}

/** Whether position `at` of `text` falls inside a JSON string literal. */
function insideString(text: string, at: number): boolean {
  let inside = false;
  for (let i = 0; i < at; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}

/** A value placed in text: strings as they are, objects and arrays as JSON without their quotes. */
function asText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return value !== null && typeof value === 'object' ? json.replaceAll('"', '') : json;
}

export function applyInputTemplate(template: string, event: unknown, variables: PipeTemplateVariables): unknown {
  const decoded = withDecodedBody(event);
  const jsonTemplate = /^\s*[[{]/.test(template);
  const text = template.replace(PLACEHOLDER, (_whole, name: string, offset: number) => {
    const value = name.startsWith('$') ? pathValue(decoded, name) : reservedValue(name, event, decoded, variables);
    if (!jsonTemplate || insideString(template, offset)) return asText(value);
    return value === undefined ? 'null' : JSON.stringify(value);
  });
  const parsed = parseJson(text);
  return parsed === undefined ? text : parsed;
}
