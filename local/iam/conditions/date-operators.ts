import type { ValueComparison } from './comparison';

function dated(compare: (request: number, policy: number) => boolean): ValueComparison {
  return (requestValue, policyValue) => {
    const request = toEpochMs(requestValue);
    const policy = toEpochMs(policyValue);
    return request !== undefined && policy !== undefined && compare(request, policy);
  };
}

/** Dates as IAM reads them: W3C/ISO 8601 (`2026-01-31`, `2026-01-31T12:00:00Z`) or epoch seconds (`1769860800`). */
export function toEpochMs(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

export const dateEquals = dated((request, policy) => request === policy);
export const dateLessThan = dated((request, policy) => request < policy);
export const dateLessThanEquals = dated((request, policy) => request <= policy);
export const dateGreaterThan = dated((request, policy) => request > policy);
export const dateGreaterThanEquals = dated((request, policy) => request >= policy);
