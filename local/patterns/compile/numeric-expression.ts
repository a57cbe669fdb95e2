import { invalidPattern } from '../errors';
import { tokenText, type JsonNode } from '../json/json-node';
import type { NumericRange } from './matcher';

/**
 * Compiles the operand of `numeric`: `["=", n]`, `["<" | "<=", n]` or `[">" | ">=", n]`, the last optionally
 * followed by `"<" | "<="` and an upper bound. Checks run in EventBridge's order, with its messages.
 */
export function compileNumericRange(items: readonly JsonNode[]): NumericRange {
  const [operatorNode, valueNode] = items;
  if (operatorNode?.kind !== 'string') invalidPattern(`Invalid member in numeric match: ${textOrEnd(operatorNode)}`);
  const operator = operatorNode.value;
  switch (operator) {
    case '=': {
      const value = numberOrFail(valueNode, 'equals');
      if (items.length > 2) tooManyElements();
      return { lower: value, lowerOpen: false, upper: value, upperOpen: false };
    }
    case '<':
    case '<=': {
      const upper = numberOrFail(valueNode, operator);
      if (items.length > 2) tooManyElements();
      return { lower: -Infinity, lowerOpen: true, upper, upperOpen: operator === '<' };
    }
    case '>':
    case '>=': {
      const lower = numberOrFail(valueNode, operator);
      const lowerOpen = operator === '>';
      if (items.length === 2) return { lower, lowerOpen, upper: Infinity, upperOpen: true };
      return { lower, lowerOpen, ...upperBound(items.slice(2), lower) };
    }
    default:
      return invalidPattern(`Unrecognized numeric range operator: ${operator}`);
  }
}

function upperBound(items: readonly JsonNode[], lower: number): { upper: number; upperOpen: boolean } {
  const [operatorNode, valueNode] = items;
  if (operatorNode?.kind !== 'string') invalidPattern(`Bad value in numeric range: ${textOrEnd(operatorNode)}`);
  const operator = operatorNode.value;
  if (operator !== '<' && operator !== '<=') invalidPattern(`Bad numeric range operator: ${operator}`);
  const upper = numberOrFail(valueNode, operator);
  if (items.length > 2) invalidPattern('Too many terms in numeric range expression');
  if (!(lower < upper)) invalidPattern('Bottom must be less than top');
  return { upper, upperOpen: operator === '<' };
}

function numberOrFail(node: JsonNode | undefined, operatorName: string): number {
  if (node?.kind !== 'number') invalidPattern(`Value of ${operatorName} must be numeric`);
  return node.value;
}

function tooManyElements(): never {
  return invalidPattern('Too many elements in numeric expression');
}

function textOrEnd(node: JsonNode | undefined): string {
  return node === undefined ? ']' : tokenText(node);
}
