import { validation } from './errors';
import type { Input } from './service';

export function invalidParameter(name: string, reason: string) {
  return validation(`Parameter ${name} is not valid. Reason: ${reason}`);
}

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') {
    throw validation(`1 validation error detected: Value null at '${name.charAt(0).toLowerCase()}${name.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof value !== 'string') throw invalidParameter(name, `${name} must be a string.`);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name, `${name} must be a string.`);
  return value;
}
