import { invalidPattern } from '../errors';
import type { JsonNode } from '../json/json-node';
import { parseCidr } from '../operators/ip-address';
import { compileWildcard } from '../operators/wildcard';
import { compileAnythingBut } from './anything-but-expression';
import type { PatternFlavour } from './flavour';
import type { Matcher } from './matcher';
import { compileNumericRange } from './numeric-expression';

type Entry = readonly [string, JsonNode];

/** Compiles one `{ "<operator>": operand }` object of a value list, with EventBridge's checks and messages. */
export function compileMatchExpression(entries: readonly Entry[], flavour: PatternFlavour): Matcher {
  const [first, ...rest] = entries;
  if (!first) return invalidPattern('Match expression name not found');
  const [operator, operand] = first;
  const matcher = compileOperator(operator, operand, flavour);
  if (rest.length > 0) {
    const numericStyle = operator === 'numeric' || operator === 'anything-but';
    invalidPattern(numericStyle ? 'Too many elements in numeric expression' : 'Only one key allowed in match expression');
  }
  return matcher;
}

function compileOperator(operator: string, operand: JsonNode, flavour: PatternFlavour): Matcher {
  switch (operator) {
    case 'exactly':
      return { kind: 'exact-string', value: stringOperand(operand, 'exact match pattern must be a string') };
    case 'prefix':
    case 'suffix':
      return compileAffix(operator, operand);
    case 'equals-ignore-case':
      return { kind: 'equals-ignore-case', value: stringOperand(operand, 'equals-ignore-case match pattern must be a string') };
    case 'wildcard':
      return { kind: 'wildcard', pattern: compileWildcard(stringOperand(operand, 'wildcard match pattern must be a string')) };
    case 'numeric':
      if (operand.kind !== 'array') invalidPattern('Value of numeric must be an array.');
      return { kind: 'numeric', range: compileNumericRange(operand.items) };
    case 'anything-but':
      return { kind: 'anything-but', exclusion: compileAnythingBut(operand, flavour) };
    case 'exists':
      if (operand.kind !== 'boolean') invalidPattern('exists match pattern must be either true or false.');
      return { kind: 'exists', present: operand.value };
    case 'cidr':
      // EventBridge really does call the cidr operand a prefix here.
      return { kind: 'ip-range', range: parseCidr(stringOperand(operand, 'prefix match pattern must be a string')) };
    default:
      return invalidPattern(`Unrecognized match type ${operator}`);
  }
}

function compileAffix(operator: 'prefix' | 'suffix', operand: JsonNode): Matcher {
  if (operand.kind !== 'object') {
    return { kind: operator, value: stringOperand(operand, `${operator} match pattern must be a string`), ignoreCase: false };
  }
  const capitalised = operator === 'prefix' ? 'Prefix' : 'Suffix';
  const [first, ...rest] = operand.entries;
  if (!first) invalidPattern(`${capitalised} expression name not found`);
  const [innerOperator, innerOperand] = first;
  if (innerOperator !== 'equals-ignore-case') invalidPattern(`Unsupported ${operator} pattern: ${innerOperator}`);
  const value = stringOperand(innerOperand, 'equals-ignore-case match pattern must be a string');
  if (rest.length > 0) invalidPattern('Only one key allowed in match expression');
  return { kind: operator, value: value.toLowerCase(), ignoreCase: true };
}

function stringOperand(operand: JsonNode, message: string): string {
  if (operand.kind !== 'string') invalidPattern(message);
  return operand.value;
}
