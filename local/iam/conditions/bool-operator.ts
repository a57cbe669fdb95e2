import type { ValueComparison } from './comparison';

/** `Bool`: `true` or `false`, whatever their case; other values match nothing. */
export const boolEquals: ValueComparison = (requestValue, policyValue) => {
  const request = requestValue.toLowerCase();
  const policy = policyValue.toLowerCase();
  return (request === 'true' || request === 'false') && request === policy;
};
