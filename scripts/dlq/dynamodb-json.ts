/** A DynamoDB attribute map (`{"S": "a"}`, `{"SS": [...]}`, ...) as plain JSON values, which an operator reads at a glance. */
export function plainItem(image: unknown): Record<string, unknown> {
  if (typeof image !== 'object' || image === null) return {};
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, plainValue(value)]));
}

/** Numbers stay strings, as DynamoDB sends them, so none loses precision. */
function plainValue(value: unknown): unknown {
  const entries = typeof value === 'object' && value !== null ? Object.entries(value) : [];
  if (entries.length !== 1) return value;
  const [type, content] = entries[0];
  if (type === 'NULL') return null;
  if (type === 'L' && Array.isArray(content)) return content.map(plainValue);
  if (type === 'M') return plainItem(content);
  return ['S', 'N', 'B', 'BOOL', 'SS', 'NS', 'BS'].includes(type) ? content : value;
}
