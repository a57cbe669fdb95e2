import type { ValueComparison } from './comparison';

function numeric(compare: (request: number, policy: number) => boolean): ValueComparison {
  return (requestValue, policyValue) => {
    const request = toNumber(requestValue);
    const policy = toNumber(policyValue);
    return request !== undefined && policy !== undefined && compare(request, policy);
  };
}

/** Integers and decimals, as IAM accepts them; anything else is not a number. */
function toNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text.trim())) return undefined;
  return Number(text);
}

export const numericEquals = numeric((request, policy) => request === policy);
export const numericLessThan = numeric((request, policy) => request < policy);
export const numericLessThanEquals = numeric((request, policy) => request <= policy);
export const numericGreaterThan = numeric((request, policy) => request > policy);
export const numericGreaterThanEquals = numeric((request, policy) => request >= policy);
