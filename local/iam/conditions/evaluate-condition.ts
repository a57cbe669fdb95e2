import type { Condition } from '../policy/policy-types';
import type { ContextValues } from '../context/request-context';
import { parseOperator } from './operator-name';

/**
 * One condition against the request's context, with AWS's rules:
 * - the policy's values are ORed: a value matches when it matches any of them; a negated operator
 *   (`StringNotEquals`...) holds when the value matches none of them;
 * - a key missing from the context makes a condition false, and a negated one true; `...IfExists` makes it true;
 *   `ForAllValues:` is true and `ForAnyValue:` false (AWS's rules for set operators);
 * - with `ForAnyValue:` one of the request's values must match; with `ForAllValues:` every one; a key with several
 *   values and no set qualifier is read as ForAnyValue for positive operators, and negated operators then hold only
 *   when no value matches;
 * - `Null: true` holds when the key is missing, `Null: false` when it is present.
 */
export function conditionHolds(condition: Condition, context: ContextValues): boolean {
  const operator = parseOperator(condition.operator);
  const values = context.get(condition.key.toLowerCase());
  const present = values !== undefined && values.length > 0;
  if (operator.kind === 'null') {
    return condition.values.some((expected) => (expected.toLowerCase() === 'true' ? !present : present));
  }
  const { base, qualifier, ifExists } = operator;
  if (!present) {
    if (ifExists || qualifier === 'ForAllValues') return true;
    if (qualifier === 'ForAnyValue') return false;
    return base.negated;
  }
  const valueHolds = (value: string): boolean => {
    const matchesAny = condition.values.some((policyValue) => base.compare(value, policyValue));
    return base.negated ? !matchesAny : matchesAny;
  };
  if (qualifier === 'ForAllValues') return values.every(valueHolds);
  if (qualifier === 'ForAnyValue') return values.some(valueHolds);
  return base.negated ? values.every(valueHolds) : values.some(valueHolds);
}

/** All of a statement's conditions hold (they are ANDed). */
export function conditionsHold(conditions: readonly Condition[], context: ContextValues): boolean {
  return conditions.every((condition) => conditionHolds(condition, context));
}
