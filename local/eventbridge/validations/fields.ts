import { describeViolations, memberName, mustNotBeNull } from '../../protocol/constraint-violations';
import { invalidParameter, validation } from '../errors';

export type Input = Record<string, unknown>;

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw validation(describeViolations([mustNotBeNull(memberName(name))]));
  if (typeof value !== 'string') throw invalidParameter(name, `${name} must be a string.`);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, `${name} must be a string.`);
  return value;
}

/** Where a page of a List operation starts and how long it is, from `NextToken` (an opaque offset) and `Limit`. */
export interface Page {
  Limit?: number;
  start: number;
}

export function page(input: Input): Page {
  const limit = input.Limit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100)) {
    throw invalidParameter('Limit', 'Limit must be between 1 and 100.');
  }
  const token = input.NextToken;
  const start = token === undefined || token === null ? 0 : Number(Buffer.from(String(token), 'base64').toString('utf8'));
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('NextToken', 'The NextToken is not valid.');
  return { Limit: limit as number | undefined, start };
}
