/**
 * EventBridge's InputTemplate: text with `<name>` placeholders. A template that is a JSON object (it starts with
 * `{`) is JSON: a placeholder in a value position becomes the variable as JSON, one inside a JSON string becomes
 * the variable as text. Any other template is text, and every placeholder in it becomes text.
 */
export type TemplatePart = { text: string } | { name: string; inString: boolean };

export interface InputTemplate {
  json: boolean;
  parts: TemplatePart[];
  /** Each placeholder's name, once. */
  names: string[];
}

/** `<` and `>` cannot be escaped in an InputTemplate: every pair encloses a placeholder. */
const PLACEHOLDER = /<([^<>]*)>/g;

export function parseInputTemplate(template: string): InputTemplate {
  const json = template.trimStart().startsWith('{');
  const parts: TemplatePart[] = [];
  const stringStarts = json ? jsonStringSpans(template) : [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const at = match.index;
    if (at > last) parts.push({ text: template.slice(last, at) });
    parts.push({ name: match[1], inString: !json || stringStarts.some(([start, end]) => at > start && at < end) });
    last = at + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  const names = [...new Set(parts.flatMap((part) => ('name' in part ? [part.name] : [])))];
  return { json, parts, names };
}

/**
 * Fills the template. A variable missing from `variables` (its path selected nothing in the event) is left out:
 * empty text in a string, `""` in a value position, as EventBridge does. JSON output is minified; a JSON
 * template that the values made invalid is handed on as the text it became.
 */
export function renderInputTemplate(template: InputTemplate, variables: ReadonlyMap<string, unknown>): string {
  let output = '';
  for (const part of template.parts) {
    if ('text' in part) output += part.text;
    else output += part.inString ? asText(variables, part.name) : asJsonValue(variables, part.name);
  }
  if (!template.json) return output;
  try {
    return JSON.stringify(JSON.parse(output));
  } catch {
    return output;
  }
}

/** Strings go in as they are, unescaped (EventBridge does not escape them); objects and arrays lose their quotes so the string around them stays valid. */
function asText(variables: ReadonlyMap<string, unknown>, name: string): string {
  if (!variables.has(name)) return '';
  const value = variables.get(name);
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') return JSON.stringify(value).replaceAll('"', '');
  return String(value);
}

function asJsonValue(variables: ReadonlyMap<string, unknown>, name: string): string {
  if (!variables.has(name)) return '""';
  return JSON.stringify(variables.get(name)) ?? 'null';
}

/** [start, end] offsets of the opening and closing quote of each string literal in JSON-like text. */
function jsonStringSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (start >= 0 && char === '\\') i++;
    else if (char === '"') {
      if (start < 0) start = i;
      else {
        spans.push([start, i]);
        start = -1;
      }
    }
  }
  if (start >= 0) spans.push([start, text.length]);
  return spans;
}
