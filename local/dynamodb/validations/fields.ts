import { validationError } from '../../protocol/aws-error';
import { describeViolations, mustNotBeNull } from '../../protocol/constraint-violations';
import { checkRequestTypes, type DynaliteRequest } from '../engine';

const MAX_TRANSACT_ITEMS = 100;

export interface TransactRequest<Kind extends string> {
  kind: Kind;
  request: Record<string, unknown>;
}

/** Checks TransactItems as AWS does: 1 to 100 items, each holding exactly one of the allowed kinds. */
export function transactItems<Kind extends string>(input: Record<string, unknown>, kinds: readonly Kind[]): TransactRequest<Kind>[] {
  const items = input.TransactItems;
  if (items === undefined || items === null) throw validationError(describeViolations([mustNotBeNull('transactItems')]));
  if (!Array.isArray(items)) throw validationError('TransactItems must be a list');
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    const bound = items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TRANSACT_ITEMS}`;
    throw validationError(
      describeViolations([{ member: 'transactItems', shown: `'[${items.length} items]'`, constraint: `Member must have length ${bound}` }]),
    );
  }
  return items.map((item: unknown) => {
    const present = item && typeof item === 'object' ? kinds.filter((kind) => (item as Record<string, unknown>)[kind] != null) : [];
    if (present.length !== 1) throw validationError(`TransactItems can only contain one of ${kinds.join(', ')}`);
    const request = (item as Record<string, unknown>)[present[0]];
    if (typeof request !== 'object' || Array.isArray(request)) throw validationError(`${present[0]} must be an object`);
    return { kind: present[0], request: request as Record<string, unknown> };
  });
}

/** PutItem, UpdateItem and DeleteItem: dynalite's request, plus the one member dynalite does not know. */
export interface ConditionalWriteInput {
  /** The request as dynalite's type checks leave it. */
  request: DynaliteRequest;
  /** `ReturnValuesOnConditionCheckFailure` is `ALL_OLD`: a failed condition returns the item it failed on. */
  returnOldItemOnFailure: boolean;
}

export function conditionalWriteInput(operation: 'PutItem' | 'UpdateItem' | 'DeleteItem', input: Record<string, unknown>): ConditionalWriteInput {
  const { ReturnValuesOnConditionCheckFailure: onFailure, ...request } = input;
  return { request: checkRequestTypes(operation, request), returnOldItemOnFailure: onFailure === 'ALL_OLD' };
}
