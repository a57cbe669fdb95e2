import { CfnTemplate, TemplateError } from './cfn-types';
import { pseudoParameter, StackScope } from './pseudo-parameters';
import { resourceIdentity, ResourceIdentity } from './resource-identity';

/** `Ref: AWS::NoValue` removes the property or list element that holds it. */
const NO_VALUE = Symbol('AWS::NoValue');

export interface ResolverScope extends StackScope {
  endpoint: string;
  /** The label of a table's stream: its creation time, which only the runtime's state knows. */
  streamLabel(tableArn: string, viewType: string): string;
}

export interface TemplateResolver {
  /** Resolves every intrinsic in `value`; `where` names the location for error messages. */
  resolve(value: unknown, where: string): unknown;
  /** Whether a resource exists in this deployment (its Condition, if any, is true). */
  isDeployed(logicalId: string): boolean;
  identity(logicalId: string): ResourceIdentity;
}

/**
 * Resolves CloudFormation intrinsics against local names. Resource identities are computed on demand
 * and memoized, so a resource's name may itself reference another resource, but not form a cycle.
 */
export function createTemplateResolver(template: CfnTemplate, scope: ResolverScope): TemplateResolver {
  const resources = template.Resources ?? {};
  const identities = new Map<string, ResourceIdentity>();
  const identitiesInProgress = new Set<string>();
  const conditionValues = new Map<string, boolean>();

  function identity(logicalId: string): ResourceIdentity {
    const known = identities.get(logicalId);
    if (known) return known;
    const resource = resources[logicalId];
    if (!resource) throw new TemplateError(`Reference to unknown resource or parameter "${logicalId}"`);
    if (!isDeployed(logicalId)) throw new TemplateError(`Reference to "${logicalId}", whose condition is false`);
    if (identitiesInProgress.has(logicalId)) throw new TemplateError(`Circular reference through the name of "${logicalId}"`);
    identitiesInProgress.add(logicalId);
    try {
      const created = resourceIdentity({
        ...scope,
        logicalId,
        type: resource.Type,
        property: (name) => resolve(resource.Properties?.[name], `${logicalId}.Properties.${name}`),
      });
      identities.set(logicalId, created);
      return created;
    } finally {
      identitiesInProgress.delete(logicalId);
    }
  }

  function condition(name: string): boolean {
    const known = conditionValues.get(name);
    if (known !== undefined) return known;
    const definition = template.Conditions?.[name];
    if (definition === undefined) throw new TemplateError(`Unknown condition "${name}"`);
    const value = resolve(definition, `Conditions.${name}`);
    if (typeof value !== 'boolean') throw new TemplateError(`Condition "${name}" does not evaluate to a boolean`);
    conditionValues.set(name, value);
    return value;
  }

  function isDeployed(logicalId: string): boolean {
    const name = resources[logicalId]?.Condition;
    return name === undefined || condition(name);
  }

  function ref(name: string, where: string): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = pseudoParameter(name, scope);
    if (pseudo !== undefined) return pseudo;
    const parameter = template.Parameters?.[name];
    if (parameter) {
      if (parameter.Default === undefined) throw new TemplateError(`${where}: parameter "${name}" has no default value`);
      return parameter.Type === 'CommaDelimitedList' && typeof parameter.Default === 'string'
        ? parameter.Default.split(',')
        : parameter.Default;
    }
    return identity(name).ref;
  }

  function getAtt(logicalId: string, attribute: string, where: string): string {
    const found = identity(logicalId);
    const value = found.attributes[attribute];
    if (value !== undefined) return value;
    if (found.knownType) throw new TemplateError(`${where}: ${logicalId} has no attribute "${attribute}" in the local runtime`);
    return `${found.ref}.${attribute}`;
  }

  function sub(template: string, variables: Record<string, unknown>, where: string): string {
    return template.replace(/\$\{([^}]*)\}/g, (whole, expression: string) => {
      if (expression.startsWith('!')) return '${' + expression.slice(1) + '}';
      const name = expression.trim();
      if (name in variables) return stringOf(variables[name], where);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return getAtt(name.slice(0, dot), name.slice(dot + 1), where);
      if (name === '') throw new TemplateError(`${where}: empty variable in Fn::Sub "${whole}"`);
      return stringOf(ref(name, where), where);
    });
  }

  function intrinsic(fn: string, argument: unknown, where: string): unknown {
    const at = `${where}.${fn}`;
    switch (fn) {
      case 'Ref':
        return ref(expectString(argument, at), at);
      case 'Fn::GetAtt': {
        const parts = typeof argument === 'string' ? splitOnce(argument, '.') : (resolve(argument, at) as unknown[]);
        if (!Array.isArray(parts) || parts.length !== 2) throw new TemplateError(`${at}: expected [logicalId, attribute]`);
        return getAtt(expectString(parts[0], at), expectString(parts[1], at), at);
      }
      case 'Fn::Join': {
        const [delimiter, list] = expectArray(argument, 2, at);
        const items = expectArray(resolve(list, at), undefined, at);
        return items.map((item) => stringOf(item, at)).join(expectString(delimiter, at));
      }
      case 'Fn::Sub': {
        if (typeof argument === 'string') return sub(argument, {}, at);
        const [text, variables] = expectArray(argument, 2, at);
        const resolvedVariables = resolve(variables, at);
        if (typeof resolvedVariables !== 'object' || resolvedVariables === null) {
          throw new TemplateError(`${at}: the variable map must be an object`);
        }
        return sub(expectString(text, at), resolvedVariables as Record<string, unknown>, at);
      }
      case 'Fn::Select': {
        const [index, list] = expectArray(argument, 2, at);
        const items = expectArray(resolve(list, at), undefined, at);
        const position = Number(resolve(index, at));
        if (!Number.isInteger(position) || position < 0 || position >= items.length) {
          throw new TemplateError(`${at}: index ${String(index)} is out of range for a list of ${items.length}`);
        }
        return items[position];
      }
      case 'Fn::Split': {
        const [delimiter, text] = expectArray(argument, 2, at);
        return expectString(resolve(text, at), at).split(expectString(delimiter, at));
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = expectArray(argument, 3, at);
        return resolve(condition(expectString(name, at)) ? whenTrue : whenFalse, at);
      }
      case 'Fn::Equals': {
        const [left, right] = expectArray(argument, 2, at);
        return JSON.stringify(resolve(left, at)) === JSON.stringify(resolve(right, at));
      }
      case 'Fn::And':
        return expectArray(argument, undefined, at).every((item) => expectBoolean(resolve(item, at), at));
      case 'Fn::Or':
        return expectArray(argument, undefined, at).some((item) => expectBoolean(resolve(item, at), at));
      case 'Fn::Not':
        return !expectBoolean(resolve(expectArray(argument, 1, at)[0], at), at);
      case 'Condition':
        return condition(expectString(argument, at));
      case 'Fn::FindInMap': {
        const [map, top, second] = expectArray(resolve(argument, at), 3, at).map((part) => expectString(part, at));
        const value = template.Mappings?.[map]?.[top]?.[second];
        if (value === undefined) throw new TemplateError(`${at}: no mapping value at ${map}.${top}.${second}`);
        return value;
      }
      case 'Fn::Base64':
        return Buffer.from(expectString(resolve(argument, at), at)).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${scope.region}${zone}`);
      default:
        throw new TemplateError(`${at}: the local runtime does not support ${fn}`);
    }
  }

  function resolve(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map((item, index) => resolve(item, `${where}[${index}]`)).filter((item) => item !== NO_VALUE);
    }
    if (typeof value !== 'object' || value === null) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && isIntrinsicName(keys[0])) {
      return intrinsic(keys[0], (value as Record<string, unknown>)[keys[0]], where);
    }
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const resolved = resolve((value as Record<string, unknown>)[key], `${where}.${key}`);
      if (resolved !== NO_VALUE) result[key] = resolved;
    }
    return result;
  }

  return {
    resolve(value, where) {
      const resolved = resolve(value, where);
      return resolved === NO_VALUE ? undefined : resolved;
    },
    isDeployed,
    identity,
  };
}

function isIntrinsicName(key: string): boolean {
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}

function splitOnce(text: string, separator: string): string[] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

function stringOf(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateError(`${where}: expected a string, got ${JSON.stringify(value)}`);
}

function expectString(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new TemplateError(`${where}: expected a string, got ${JSON.stringify(value)}`);
  return value;
}

function expectBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new TemplateError(`${where}: expected a condition, got ${JSON.stringify(value)}`);
  return value;
}

function expectArray(value: unknown, length: number | undefined, where: string): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    const expected = length === undefined ? 'a list' : `a list of ${length}`;
    throw new TemplateError(`${where}: expected ${expected}, got ${JSON.stringify(value)}`);
  }
  return value;
}
