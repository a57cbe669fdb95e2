import { compilePattern, type CompiledPattern } from '../compiled-pattern';
import { InvalidEventPatternError } from '../errors';

/** SNS's limits on a subscription filter policy. */
export const MAX_FILTER_POLICY_KEYS = 5;
export const MAX_FILTER_POLICY_COMBINATIONS = 150;
export const MAX_FILTER_POLICY_BYTES = 256 * 1024;
const NUMERIC_LIMIT = 1e9;

export type FilterPolicyScope = 'MessageAttributes' | 'MessageBody';

/** A message attribute as SNS carries it. */
export interface SnsMessageAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface SnsFilterPolicy {
  /** Whether a published message reaches the subscription. */
  matches(message: { body: string; attributes: Readonly<Record<string, SnsMessageAttribute>> }): boolean;
}

/** A filter policy SNS would refuse; `reason` is the part after SNS's "Invalid parameter: FilterPolicy: ". */
export class InvalidFilterPolicyError extends Error {
  constructor(readonly reason: string) {
    super(`Invalid parameter: FilterPolicy: ${reason}`);
    this.name = 'InvalidFilterPolicyError';
  }
}

/**
 * Compiles an SNS subscription filter policy. SNS shares EventBridge's operators and matching, with its own
 * limits: at most 5 keys and 150 combinations, numbers within ±10^9, and no nesting when the policy applies to
 * message attributes. In that scope a policy sees String attributes as strings, Number attributes as numbers,
 * String.Array attributes as their elements, and never Binary attributes; in MessageBody scope it sees the body's
 * JSON, and a body that is not a JSON object matches nothing.
 */
export function compileSnsFilterPolicy(policy: unknown, scope: FilterPolicyScope): SnsFilterPolicy {
  const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
  if (Buffer.byteLength(text, 'utf8') > MAX_FILTER_POLICY_BYTES) throw new InvalidFilterPolicyError('Filter policy is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidFilterPolicyError('failed to parse JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InvalidFilterPolicyError('Filter policy must be a JSON object');
  if (scope === 'MessageAttributes') {
    for (const [key, value] of Object.entries(parsed)) {
      if (key !== '$or' && !Array.isArray(value)) throw new InvalidFilterPolicyError('Filter policy scope MessageAttributes does not support nested filter policy');
    }
  }
  const keys = leafKeys(parsed as Record<string, unknown>);
  if (keys.size > MAX_FILTER_POLICY_KEYS) throw new InvalidFilterPolicyError(`Filter policy can not have more than ${MAX_FILTER_POLICY_KEYS} keys`);
  if (combinations(parsed as Record<string, unknown>) > MAX_FILTER_POLICY_COMBINATIONS) throw new InvalidFilterPolicyError('Filter policy is too complex');
  checkNumbers(parsed);
  let compiled: CompiledPattern;
  try {
    compiled = compilePattern(parsed as object, { maxPatternLength: MAX_FILTER_POLICY_BYTES });
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new InvalidFilterPolicyError(error.reason);
    throw error;
  }
  return scope === 'MessageBody'
    ? { matches: (message) => compiled.matches(message.body) }
    : { matches: (message) => compiled.matches(attributeValues(message.attributes)) };
}

function attributeValues(attributes: Readonly<Record<string, SnsMessageAttribute>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const type = attribute.DataType.split('.')[0];
    if (attribute.DataType === 'String.Array') {
      const elements = parseArray(attribute.StringValue);
      if (elements !== undefined) values[name] = elements;
    } else if (type === 'Number') values[name] = Number(attribute.StringValue);
    else if (type === 'String') values[name] = attribute.StringValue;
  }
  return values;
}

function parseArray(text: string | undefined): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text ?? '');
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** The names of the fields a policy tests: keys whose value is a list of rules, at any depth and in every $or branch. */
function leafKeys(policy: Record<string, unknown>, into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) for (const branch of value) leafKeys(branch as Record<string, unknown>, into);
    else if (Array.isArray(value)) into.add(key);
    else if (value !== null && typeof value === 'object') leafKeys(value as Record<string, unknown>, into);
  }
  return into;
}

/** The product of the number of values of every key; $or branches add up. */
function combinations(policy: Record<string, unknown>): number {
  let total = 1;
  for (const [key, value] of Object.entries(policy)) {
    if (key === '$or' && Array.isArray(value)) total *= value.reduce((sum: number, branch) => sum + combinations(branch as Record<string, unknown>), 0);
    else if (Array.isArray(value)) total *= Math.max(value.length, 1);
    else if (value !== null && typeof value === 'object') total *= combinations(value as Record<string, unknown>);
  }
  return total;
}

function checkNumbers(value: unknown): void {
  if (typeof value === 'number' && Math.abs(value) > NUMERIC_LIMIT) {
    throw new InvalidFilterPolicyError(`Value of ${value} is out of range; numbers must be within -1000000000 and 1000000000`);
  }
  if (value !== null && typeof value === 'object') for (const child of Object.values(value)) checkNumbers(child);
}
