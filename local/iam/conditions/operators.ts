import { arnLike } from './arn-operators';
import { binaryEquals } from './binary-operator';
import { boolEquals } from './bool-operator';
import type { ValueComparison } from './comparison';
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date-operators';
import { ipAddressIn } from './ip-address-operator';
import { numericEquals, numericGreaterThan, numericGreaterThanEquals, numericLessThan, numericLessThanEquals } from './numeric-operators';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string-operators';

/** A condition operator without its set qualifier and `IfExists`: the comparison, and whether it is negated. */
export interface BaseOperator {
  readonly compare: ValueComparison;
  /** `StringNotEquals` and the like: true when the request's value matches none of the policy's values. */
  readonly negated: boolean;
}

const positive = (compare: ValueComparison): BaseOperator => ({ compare, negated: false });
const negative = (compare: ValueComparison): BaseOperator => ({ compare, negated: true });

/** Every condition operator IAM documents, `Null` aside (it tests presence, not values). */
export const BASE_OPERATORS: Readonly<Record<string, BaseOperator>> = {
  StringEquals: positive(stringEquals),
  StringNotEquals: negative(stringEquals),
  StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: negative(stringEqualsIgnoreCase),
  StringLike: positive(stringLike),
  StringNotLike: negative(stringLike),
  NumericEquals: positive(numericEquals),
  NumericNotEquals: negative(numericEquals),
  NumericLessThan: positive(numericLessThan),
  NumericLessThanEquals: positive(numericLessThanEquals),
  NumericGreaterThan: positive(numericGreaterThan),
  NumericGreaterThanEquals: positive(numericGreaterThanEquals),
  DateEquals: positive(dateEquals),
  DateNotEquals: negative(dateEquals),
  DateLessThan: positive(dateLessThan),
  DateLessThanEquals: positive(dateLessThanEquals),
  DateGreaterThan: positive(dateGreaterThan),
  DateGreaterThanEquals: positive(dateGreaterThanEquals),
  Bool: positive(boolEquals),
  BinaryEquals: positive(binaryEquals),
  IpAddress: positive(ipAddressIn),
  NotIpAddress: negative(ipAddressIn),
  ArnEquals: positive(arnLike),
  ArnLike: positive(arnLike),
  ArnNotEquals: negative(arnLike),
  ArnNotLike: negative(arnLike),
};
