import { AwsError } from '../protocol/aws-error';
import type { DynaliteRequest } from './engine';
import type { DynamoDbState } from './state';
import type { ConditionalWriteInput } from './validations/fields';

/**
 * PutItem, UpdateItem and DeleteItem through dynalite, plus `ReturnValuesOnConditionCheckFailure`, which
 * dynalite ignores: on a failed condition with `ALL_OLD` the error carries the item, as Powertools idempotency
 * expects. The item is read just after the failure, outside the write's lock, so a concurrent write may show.
 */
export async function conditionalWrite(
  state: DynamoDbState,
  operation: 'PutItem' | 'UpdateItem' | 'DeleteItem',
  input: ConditionalWriteInput,
): Promise<Record<string, unknown>> {
  const { request } = input;
  if (!input.returnOldItemOnFailure) return state.engine.runChecked(operation, request);
  try {
    return await state.engine.runChecked(operation, { ...request });
  } catch (error) {
    if (!(error instanceof AwsError) || error.code !== 'ConditionalCheckFailedException') throw error;
    const key = operation === 'PutItem' ? await keyOf(state, request) : request.Key;
    const { Item } = await state.engine.run('GetItem', { TableName: request.TableName, Key: key });
    if (Item === undefined) throw error;
    throw new AwsError(error.code, error.message, error.statusCode, error.typePrefix, { ...error.fields, Item });
  }
}

async function keyOf(state: DynamoDbState, request: DynaliteRequest): Promise<Record<string, unknown>> {
  const table = await state.engine.table(request.TableName as string);
  const item = request.Item as Record<string, unknown>;
  return Object.fromEntries(table.KeySchema.map(({ AttributeName }) => [AttributeName, item[AttributeName]]));
}
