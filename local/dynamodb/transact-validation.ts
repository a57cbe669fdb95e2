import { validationError } from '../protocol/aws-error';

export interface TransactRequest {
  kind: string;
  request: Record<string, unknown>;
}

const MAX_TRANSACT_ITEMS = 100;

/** Checks TransactItems as AWS does: 1 to 100 items, each holding exactly one of the allowed kinds. */
export function validateTransactItems(input: Record<string, unknown>, kinds: readonly string[]): TransactRequest[] {
  const items = input.TransactItems;
  if (items === undefined || items === null) {
    throw validationError("1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null");
  }
  if (!Array.isArray(items)) throw validationError('TransactItems must be a list');
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    const bound = items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TRANSACT_ITEMS}`;
    throw validationError(
      `1 validation error detected: Value '[${items.length} items]' at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`,
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
