import { element, escapeXml } from '../protocol/query-protocol';

/**
 * An action's JSON-protocol output as SQS's query protocol writes it: lists flattened into repeated elements
 * named after their items, and maps (queue and message attributes) as repeated `Name`/`Value` pairs.
 */
export function sqsResultXml(action: string, output: Record<string, unknown>): string {
  const itemNames: Readonly<Record<string, string>> = {
    QueueUrls: 'QueueUrl',
    Messages: 'Message',
    Successful: `${action}ResultEntry`,
    Failed: 'BatchResultErrorEntry',
    Results: 'ListMessageMoveTasksResultEntry',
  };
  return members(output, itemNames);
}

const MAP_ITEM_NAMES: Readonly<Record<string, string>> = { Attributes: 'Attribute', MessageAttributes: 'MessageAttribute' };

function members(value: Record<string, unknown>, itemNames: Readonly<Record<string, string>>): string {
  return Object.entries(value)
    .map(([name, child]) => {
      if (Array.isArray(child)) return child.map((item) => member(itemNames[name] ?? name, item, itemNames)).join('');
      if (name in MAP_ITEM_NAMES && child !== null && typeof child === 'object') {
        return Object.entries(child)
          .map(([key, item]) => element(MAP_ITEM_NAMES[name], element('Name', escapeXml(key)) + member('Value', item, itemNames)))
          .join('');
      }
      return member(name, child, itemNames);
    })
    .join('');
}

function member(name: string, value: unknown, itemNames: Readonly<Record<string, string>>): string {
  if (value !== null && typeof value === 'object') return element(name, members(value as Record<string, unknown>, itemNames));
  return element(name, escapeXml(String(value)));
}
