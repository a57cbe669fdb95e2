import type { Condition, Effect, PolicyDocument, PrincipalSet, Statement } from './policy-types';

/** A policy the evaluator cannot read; the message names the policy, the statement and the element. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

export interface ParsePolicyOptions {
  /** Names the policy in statements' origins and in errors. */
  name: string;
  /** Identity-based policies may not name principals, and must name resources. */
  kind: 'identity' | 'resource';
}

const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);

/** Reads a policy document, given as JSON text or as the parsed object a template holds. */
export function parsePolicy(document: unknown, options: ParsePolicyOptions): PolicyDocument {
  const raw = typeof document === 'string' ? parseJson(document, options.name) : document;
  if (!isObject(raw)) throw new PolicyError(`Policy ${options.name} is not a JSON object`);
  const statements = raw.Statement;
  if (statements === undefined) throw new PolicyError(`Policy ${options.name} has no Statement`);
  const list = Array.isArray(statements) ? statements : [statements];
  return { name: options.name, statements: list.map((statement, index) => parseStatement(statement, index, options)) };
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PolicyError(`Policy ${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function parseStatement(raw: unknown, index: number, options: ParsePolicyOptions): Statement {
  const where = `Policy ${options.name}, statement ${index}${isObject(raw) && typeof raw.Sid === 'string' ? ` (${raw.Sid})` : ''}`;
  if (!isObject(raw)) throw new PolicyError(`${where} is not an object`);
  const unknown = Object.keys(raw).filter((element) => !STATEMENT_ELEMENTS.has(element));
  if (unknown.length > 0) throw new PolicyError(`${where} has unknown element ${unknown.join(', ')}`);
  const effect = raw.Effect;
  if (effect !== 'Allow' && effect !== 'Deny') throw new PolicyError(`${where}: Effect must be Allow or Deny, got ${JSON.stringify(effect)}`);

  const actions = exclusivePair(raw, 'Action', 'NotAction', where, true) as { name: string; values: string[] };
  const resources = exclusivePair(raw, 'Resource', 'NotResource', where, options.kind === 'identity');
  const hasPrincipal = raw.Principal !== undefined || raw.NotPrincipal !== undefined;
  if (options.kind === 'identity' && hasPrincipal) throw new PolicyError(`${where}: an identity-based policy cannot name a Principal`);
  if (options.kind === 'resource' && !hasPrincipal) throw new PolicyError(`${where}: a resource-based policy must name a Principal or NotPrincipal`);
  if (raw.Principal !== undefined && raw.NotPrincipal !== undefined) throw new PolicyError(`${where} has both Principal and NotPrincipal`);

  const statement: Statement = {
    ...(typeof raw.Sid === 'string' ? { sid: raw.Sid } : {}),
    effect: effect as Effect,
    ...(actions.name === 'Action' ? { actions: actions.values } : { notActions: actions.values }),
    ...(resources === undefined ? {} : resources.name === 'Resource' ? { resources: resources.values } : { notResources: resources.values }),
    ...(raw.Principal !== undefined ? { principal: parsePrincipal(raw.Principal, `${where}: Principal`) } : {}),
    ...(raw.NotPrincipal !== undefined ? { notPrincipal: parsePrincipal(raw.NotPrincipal, `${where}: NotPrincipal`) } : {}),
    conditions: parseConditions(raw.Condition, where),
    origin: { policy: options.name, index },
  };
  return statement;
}

function exclusivePair(
  raw: Record<string, unknown>,
  name: string,
  notName: string,
  where: string,
  required: boolean,
): { name: string; values: string[] } | undefined {
  const value = raw[name];
  const notValue = raw[notName];
  if (value !== undefined && notValue !== undefined) throw new PolicyError(`${where} has both ${name} and ${notName}`);
  if (value === undefined && notValue === undefined) {
    if (required) throw new PolicyError(`${where} has neither ${name} nor ${notName}`);
    return undefined;
  }
  const chosen = value !== undefined ? name : notName;
  return { name: chosen, values: stringList(value ?? notValue, `${where}: ${chosen}`) };
}

function stringList(value: unknown, where: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new PolicyError(`${where} is an empty list`);
  return list.map((item) => {
    if (typeof item !== 'string') throw new PolicyError(`${where} must hold strings, got ${JSON.stringify(item)}`);
    return item;
  });
}

function parsePrincipal(value: unknown, where: string): PrincipalSet {
  if (value === '*') return { everyone: true, aws: [], services: [], other: [] };
  if (!isObject(value)) throw new PolicyError(`${where} must be "*" or an object such as {"AWS": ...} or {"Service": ...}`);
  const aws: string[] = [];
  const services: string[] = [];
  const other: string[] = [];
  let everyone = false;
  for (const [kind, names] of Object.entries(value)) {
    const list = stringList(names, `${where}.${kind}`);
    if (kind === 'AWS') {
      // `{"AWS": "*"}` names every principal, as `"*"` does.
      if (list.includes('*')) everyone = true;
      aws.push(...list.filter((name) => name !== '*'));
    } else if (kind === 'Service') {
      services.push(...list);
    } else if (kind === 'Federated' || kind === 'CanonicalUser') {
      other.push(...list);
    } else {
      throw new PolicyError(`${where} has an unknown principal type ${kind} (expected AWS, Service, Federated or CanonicalUser)`);
    }
  }
  return { everyone, aws, services, other };
}

function parseConditions(value: unknown, where: string): Condition[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw new PolicyError(`${where}: Condition must be an object of operators`);
  const conditions: Condition[] = [];
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) throw new PolicyError(`${where}: Condition ${operator} must be an object of condition keys`);
    for (const [key, values] of Object.entries(block)) {
      const list = Array.isArray(values) ? values : [values];
      conditions.push({
        operator,
        key,
        values: list.map((item) => {
          if (typeof item === 'string') return item;
          if (typeof item === 'number' || typeof item === 'boolean') return String(item);
          throw new PolicyError(`${where}: Condition ${operator} of ${key} must hold strings, numbers or booleans, got ${JSON.stringify(item)}`);
        }),
      });
    }
  }
  return conditions;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
