/**
 * One comparison of a condition operator family: does the request's value match one of the policy's values?
 * Negated operators (`StringNotEquals`, `NotIpAddress`...) use the positive comparison and invert the outcome in
 * `evaluate-condition.ts`, where AWS's rules for lists and missing keys live. A value that cannot be read as the
 * family's type (a date that is no date) matches nothing.
 */
export type ValueComparison = (requestValue: string, policyValue: string) => boolean;
