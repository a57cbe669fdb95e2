/**
 * A pattern as an ordered syntax tree. EventBridge validates a pattern token by token, so the first error
 * it reports depends on key order and on numbers as written; plain JS objects lose both (integer-like keys
 * move first, `5.0` becomes `5`, duplicate keys collapse).
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, JsonNode]> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' };

/** The text Jackson reports for the token that starts this node, as quoted in AWS's messages. */
export function tokenText(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return '{';
    case 'array':
      return '[';
    case 'string':
      return node.value;
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}

/** Converts an already-parsed value (a pattern given as an object) into the ordered tree. */
export function jsonNodeFromValue(value: unknown, where = '$'): JsonNode {
  if (value === null) return { kind: 'null' };
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Pattern value at ${where} is not a finite number`);
      return { kind: 'number', value, text: String(value) };
    case 'boolean':
      return { kind: 'boolean', value };
    case 'object':
      if (Array.isArray(value)) {
        return { kind: 'array', items: value.map((item, index) => jsonNodeFromValue(item, `${where}[${index}]`)) };
      }
      return {
        kind: 'object',
        entries: Object.entries(value as Record<string, unknown>)
          .filter(([, item]) => item !== undefined)
          .map(
          ([key, item]) => [key, jsonNodeFromValue(item, `${where}.${key}`)] as const,
        ),
      };
    default:
      throw new TypeError(`Pattern value at ${where} has type ${typeof value}, which JSON cannot hold`);
  }
}
