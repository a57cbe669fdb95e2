import { validationError } from '../../protocol/aws-error';
import { transactItems, type TransactRequest } from './fields';

export type TransactWriteKind = 'ConditionCheck' | 'Put' | 'Update' | 'Delete';

export interface TransactWriteItemsInput {
  TransactItems: TransactRequest<TransactWriteKind>[];
}

/** The items' own members are checked in the action, against the operation each kind resembles. */
export function validateTransactWriteItems(input: Record<string, unknown>): TransactWriteItemsInput {
  const items = transactItems(input, ['ConditionCheck', 'Put', 'Update', 'Delete'] as const);
  for (const { kind, request } of items) {
    if (kind === 'ConditionCheck' && typeof request.ConditionExpression !== 'string') {
      throw validationError('ConditionCheck requires a ConditionExpression');
    }
    if (kind === 'Update' && typeof request.UpdateExpression !== 'string') {
      throw validationError('Update requires an UpdateExpression');
    }
  }
  return { TransactItems: items };
}
