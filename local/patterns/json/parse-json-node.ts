import type { JsonNode } from './json-node';

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Parses JSON text into an ordered tree, keeping duplicate keys and numbers as written. */
export function parseJsonNode(text: string): JsonNode {
  const reader = new Reader(text);
  const node = reader.value();
  reader.skipWhitespace();
  if (reader.position < text.length) reader.fail('Unexpected trailing content');
  return node;
}

class Reader {
  position = 0;

  constructor(private readonly text: string) {}

  value(): JsonNode {
    this.skipWhitespace();
    const char = this.text[this.position];
    switch (char) {
      case '{':
        return this.object();
      case '[':
        return this.array();
      case '"':
        return { kind: 'string', value: this.string() };
      case 't':
        return this.literal('true', { kind: 'boolean', value: true });
      case 'f':
        return this.literal('false', { kind: 'boolean', value: false });
      case 'n':
        return this.literal('null', { kind: 'null' });
      default:
        return this.number();
    }
  }

  skipWhitespace(): void {
    WHITESPACE.lastIndex = this.position;
    WHITESPACE.exec(this.text);
    this.position = WHITESPACE.lastIndex;
  }

  fail(message: string): never {
    throw new JsonSyntaxError(message, this.position);
  }

  private object(): JsonNode {
    this.position++;
    const entries: Array<readonly [string, JsonNode]> = [];
    this.skipWhitespace();
    if (this.text[this.position] === '}') {
      this.position++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('Expected a double-quoted field name');
      const key = this.string();
      this.expect(':');
      entries.push([key, this.value()]);
      this.skipWhitespace();
      const next = this.text[this.position++];
      if (next === '}') return { kind: 'object', entries };
      if (next !== ',') this.fail("Expected ',' or '}' in object");
    }
  }

  private array(): JsonNode {
    this.position++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.position] === ']') {
      this.position++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value());
      this.skipWhitespace();
      const next = this.text[this.position++];
      if (next === ']') return { kind: 'array', items };
      if (next !== ',') this.fail("Expected ',' or ']' in array");
    }
  }

  private string(): string {
    const start = this.position;
    let index = start + 1;
    for (;;) {
      const char = this.text[index];
      if (char === undefined) this.fail('Unterminated string');
      if (char === '\\') index += 2;
      else if (char === '"') break;
      else index++;
    }
    this.position = index + 1;
    try {
      return JSON.parse(this.text.slice(start, index + 1)) as string;
    } catch {
      this.position = start;
      return this.fail('Invalid string');
    }
  }

  private number(): JsonNode {
    NUMBER.lastIndex = this.position;
    const match = NUMBER.exec(this.text);
    if (!match || match[0].length === 0) this.fail('Unexpected character');
    const text = match[0];
    this.position += text.length;
    return { kind: 'number', value: Number(text), text };
  }

  private literal(word: string, node: JsonNode): JsonNode {
    if (!this.text.startsWith(word, this.position)) this.fail('Unexpected character');
    this.position += word.length;
    return node;
  }

  private expect(char: string): void {
    this.skipWhitespace();
    if (this.text[this.position] !== char) this.fail(`Expected '${char}'`);
    this.position++;
  }
}
