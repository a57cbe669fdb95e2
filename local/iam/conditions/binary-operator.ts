import type { ValueComparison } from './comparison';

/** `BinaryEquals`: both sides are base64; the bytes they encode must be equal. */
export const binaryEquals: ValueComparison = (requestValue, policyValue) => {
  const base64 = /^[A-Za-z0-9+/]*={0,2}$/;
  if (!base64.test(requestValue) || !base64.test(policyValue)) return false;
  return Buffer.from(requestValue, 'base64').equals(Buffer.from(policyValue, 'base64'));
};
