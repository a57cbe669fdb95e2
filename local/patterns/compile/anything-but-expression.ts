import { invalidPattern } from '../errors';
import type { JsonNode } from '../json/json-node';
import { compileWildcard } from '../operators/wildcard';
import type { Exclusion } from './matcher';
import type { PatternFlavour } from './flavour';

type SetForm = 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';
const SET_FORMS: readonly string[] = ['equals-ignore-case', 'prefix', 'suffix', 'wildcard'];

const MIXED_LIST = 'Inside anything but list, either all values are number or string, mixed type is not supported';

/**
 * Compiles the operand of `anything-but`: a string, a number, a list of either, or one of the
 * `{prefix|suffix|equals-ignore-case|wildcard: string | string[]}` forms (refused by Pipes).
 */
export function compileAnythingBut(operand: JsonNode, flavour: PatternFlavour): Exclusion {
  if (operand.kind !== 'object') return compilePlainExclusion(operand);
  const [entry, ...extraEntries] = operand.entries;
  if (!entry) return invalidPattern('Anything-But expression name not found');
  const [form, value] = entry;
  if (!SET_FORMS.includes(form) || flavour === 'pipes') invalidPattern(`Unsupported anything-but pattern: ${form}`);
  if (value.kind !== 'array' && value.kind !== 'string' && value.kind !== 'number') invalidOperand();
  const values = value.kind === 'array' ? value.items : [value];
  const exclusion = compileSetExclusion(form as SetForm, values);
  if (extraEntries.length > 0) invalidPattern('Too many elements in numeric expression');
  return exclusion;
}

function compilePlainExclusion(operand: JsonNode): Exclusion {
  if (operand.kind === 'string') return { kind: 'strings', values: new Set([operand.value]) };
  if (operand.kind === 'number') return { kind: 'numbers', values: new Set([operand.value]) };
  if (operand.kind !== 'array') return invalidOperand();
  const strings = new Set<string>();
  const numbers = new Set<number>();
  for (const item of operand.items) {
    if (item.kind === 'string') strings.add(item.value);
    else if (item.kind === 'number') numbers.add(item.value);
    else invalidPattern('Inside anything but list, start|null|boolean is not supported.');
  }
  if ((strings.size > 0) === (numbers.size > 0)) invalidPattern(MIXED_LIST);
  return strings.size > 0 ? { kind: 'strings', values: strings } : { kind: 'numbers', values: numbers };
}

function compileSetExclusion(form: SetForm, items: readonly JsonNode[]): Exclusion {
  const texts = items.map((item) => {
    if (item.kind !== 'string') invalidSetMember(form);
    if ((form === 'prefix' || form === 'suffix') && item.value === '') invalidPattern('Null prefix/suffix not allowed');
    return item.value;
  });
  switch (form) {
    case 'equals-ignore-case':
      return { kind: 'strings-ignore-case', values: new Set(texts.map((text) => text.toLowerCase())) };
    case 'prefix':
      return { kind: 'prefixes', values: texts };
    case 'suffix':
      return { kind: 'suffixes', values: texts };
    case 'wildcard':
      return { kind: 'wildcards', values: texts.map(compileWildcard) };
  }
}

function invalidSetMember(form: SetForm): never {
  if (form === 'equals-ignore-case') {
    invalidPattern('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
  }
  if (form === 'wildcard') invalidPattern('wildcard match pattern must be a string');
  return invalidPattern('prefix/suffix match pattern must be a string');
}

function invalidOperand(): never {
  return invalidPattern('Value of anything-but must be an array or single string/number value.');
}
