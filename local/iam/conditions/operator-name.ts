import { PolicyError } from '../policy/parse-policy';
import { BASE_OPERATORS, type BaseOperator } from './operators';

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

/** A condition operator as written, taken apart: `ForAnyValue:StringLikeIfExists` is ForAnyValue, StringLike, IfExists. */
export type ParsedOperator =
  | { readonly kind: 'null' }
  | { readonly kind: 'compare'; readonly base: BaseOperator; readonly qualifier?: SetQualifier; readonly ifExists: boolean };

const parsed = new Map<string, ParsedOperator>();

/** Throws a PolicyError naming the operator when IAM has no such operator. Operator names are case-sensitive. */
export function parseOperator(name: string): ParsedOperator {
  const known = parsed.get(name);
  if (known) return known;
  const result = parse(name);
  parsed.set(name, result);
  return result;
}

function parse(name: string): ParsedOperator {
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? undefined : name.slice(0, colon);
  if (prefix !== undefined && prefix !== 'ForAllValues' && prefix !== 'ForAnyValue') {
    throw new PolicyError(`Unknown condition operator ${name}: the set qualifier must be ForAllValues or ForAnyValue`);
  }
  const rest = colon === -1 ? name : name.slice(colon + 1);
  if (rest === 'Null') {
    if (prefix !== undefined) throw new PolicyError(`Condition operator ${name}: Null takes no set qualifier`);
    return { kind: 'null' };
  }
  const ifExists = rest.endsWith('IfExists');
  const baseName = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  if (!Object.hasOwn(BASE_OPERATORS, baseName)) throw new PolicyError(`Unknown condition operator ${name}`);
  return { kind: 'compare', base: BASE_OPERATORS[baseName] as BaseOperator, ifExists, ...(prefix ? { qualifier: prefix as SetQualifier } : {}) };
}
