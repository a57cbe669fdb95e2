import type { WildcardPattern } from '../compile/matcher';
import { invalidPattern } from '../errors';

/** EventBridge refuses wildcard values with more wildcards than this as "too complex". */
const MAX_WILDCARDS = 5;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

type Piece = { readonly wildcard: true } | { readonly wildcard: false; readonly text: string };

/** Validates a wildcard operand (escapes `\*` and `\\`) and compiles it to an anchored matcher. */
export function compileWildcard(source: string): WildcardPattern {
  const pieces = parsePieces(source);
  const wildcards = pieces.filter((piece) => piece.wildcard).length;
  if (wildcards > MAX_WILDCARDS) {
    invalidPattern(
      'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
    );
  }
  const firstWildcard = pieces.findIndex((piece) => piece.wildcard);
  const literalPieces = firstWildcard === -1 ? pieces : pieces.slice(0, firstWildcard);
  const literalPrefix = literalPieces.map((piece) => (piece.wildcard ? '' : piece.text)).join('');
  if (wildcards === 0) return { source, literalPrefix, test: (value) => value === literalPrefix };
  const expression = new RegExp(
    `^${pieces.map((piece) => (piece.wildcard ? '[\\s\\S]*' : piece.text.replace(REGEX_SPECIAL, '\\$&'))).join('')}$`,
  );
  return { source, literalPrefix, test: (value) => expression.test(value) };
}

// Positions are UTF-8 byte offsets into the value with its opening quote, as EventBridge reports them.
function parsePieces(source: string): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let bytePosition = 1;
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (char === '*') {
      if (source[index + 1] === '*') invalidPattern(`Consecutive wildcard characters at pos ${bytePosition}`);
      if (literal) pieces.push({ wildcard: false, text: literal });
      literal = '';
      pieces.push({ wildcard: true });
    } else if (char === '\\') {
      const next = source[index + 1];
      if (next !== '*' && next !== '\\') invalidPattern(`Invalid escape character at pos ${bytePosition}`);
      literal += next;
      index++;
      bytePosition++;
    } else {
      literal += char;
      bytePosition += utf8Length(source.codePointAt(index) as number) - 1;
      if (char.charCodeAt(0) >= 0xd800 && char.charCodeAt(0) <= 0xdbff) literal += source[++index];
    }
    bytePosition++;
  }
  if (literal) pieces.push({ wildcard: false, text: literal });
  return pieces;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}
