import { invalidParameterValue, missingMember } from '../errors';

/** A query-protocol request's members, flat: `Destination.ToAddresses.member.1`, `Message.Subject.Data`... */
export type QueryParameters = Record<string, string>;

/** Addresses may carry a display name (`Ada <ada@example.com>`); SES refuses one without a local part and a domain. */
const ADDRESS = /^(?:[^<>]*<\s*)?[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+(?:\s*>)?$/;

/** The members of a query-protocol list (`Name.member.1`, `Name.member.2`...), in order. */
export function listMembers(parameters: QueryParameters, name: string): string[] {
  const prefix = `${name}.member.`;
  return Object.keys(parameters)
    .filter((key) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)))
    .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)))
    .map((key) => parameters[key]);
}

/** A member that must be present and not empty; `member` is its name as SES's message spells it. */
export function requireParameter(parameters: QueryParameters, name: string, member: string): string {
  if (!parameters[name]) throw missingMember(member);
  return parameters[name];
}

export function checkAddress(address: string): void {
  if (!ADDRESS.test(address)) throw invalidParameterValue('Illegal address');
}
