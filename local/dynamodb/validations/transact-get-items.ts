import { transactItems, type TransactRequest } from './fields';

export interface TransactGetItemsInput {
  TransactItems: TransactRequest<'Get'>[];
}

export function validateTransactGetItems(input: Record<string, unknown>): TransactGetItemsInput {
  return { TransactItems: transactItems(input, ['Get'] as const) };
}
