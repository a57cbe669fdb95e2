import { wildcardMatcher } from '../matching/wildcard';
import type { ValueComparison } from './comparison';

/** `StringEquals`: exact and case-sensitive; `*` is a character like any other. */
export const stringEquals: ValueComparison = (value, policyValue) => value === policyValue;

export const stringEqualsIgnoreCase: ValueComparison = (value, policyValue) => value.toLowerCase() === policyValue.toLowerCase();

/** `StringLike`: case-sensitive, with `*` (any run of characters) and `?` (any one character). */
export const stringLike: ValueComparison = (value, policyValue) => wildcardMatcher(policyValue)(value);
