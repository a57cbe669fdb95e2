import { AwsError } from '../../protocol/aws-error';
import type { DynamoDbState } from '../dynamodb-state';

/**
 * PutItem, UpdateItem and DeleteItem through dynalite, plus `ReturnValuesOnConditionCheckFailure`, which
 * dynalite ignores: on a failed condition with `ALL_OLD` the error carries the item, as Powertools idempotency
 * expects. The item is read just after the failure, outside the write's lock, so a concurrent write may show.
 */
export function conditionalWrite(operation: 'PutItem' | 'UpdateItem' | 'DeleteItem') {
  return async (state: DynamoDbState, input: Record<string, unknown>) => {
    const { ReturnValuesOnConditionCheckFailure: onFailure, ...request } = input;
    if (onFailure !== 'ALL_OLD') return state.engine.run(operation, request);
    try {
      return await state.engine.run(operation, { ...request });
    } catch (error) {
      if (!(error instanceof AwsError) || error.code !== 'ConditionalCheckFailedException') throw error;
      const key = operation === 'PutItem' ? await keyOf(state, request) : request.Key;
      const { Item } = await state.engine.run('GetItem', { TableName: request.TableName, Key: key });
      if (Item === undefined) throw error;
      throw new AwsError(error.code, error.message, error.statusCode, error.typePrefix, { ...error.fields, Item });
    }
  };
}

async function keyOf(state: DynamoDbState, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const table = await state.engine.table(request.TableName as string);
  const item = request.Item as Record<string, unknown>;
  return Object.fromEntries(table.KeySchema.map(({ AttributeName }) => [AttributeName, item[AttributeName]]));
}
