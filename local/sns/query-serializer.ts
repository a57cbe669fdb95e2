import { element, escapeXml } from '../protocol/query-protocol';

/**
 * An action's output as SNS's query protocol writes it: lists as `<member>` items, the `Attributes` map as
 * `<entry><key/><value/></entry>` items, everything else as nested elements.
 */
export function snsResultXml(output: Record<string, unknown>): string {
  return Object.entries(output)
    .map(([name, value]) => valueXml(name, value))
    .join('');
}

function valueXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return element(name, value.map((item) => valueXml('member', item)).join(''));
  if (value !== null && typeof value === 'object') {
    if (name === 'Attributes') {
      const entries = Object.entries(value).map(([key, text]) => element('entry', element('key', escapeXml(key)) + element('value', escapeXml(String(text)))));
      return element(name, entries.join(''));
    }
    return element(name, snsResultXml(value as Record<string, unknown>));
  }
  return element(name, escapeXml(String(value)));
}
