import { validationError } from '../../protocol/aws-error';
import type { DynamoDbState } from '../dynamodb-state';

/**
 * Records the TTL setting so DescribeTimeToLive reports it. Expired items are not swept: AWS deletes them
 * only eventually, so readers already have to filter on the attribute, as Powertools idempotency does.
 */
export async function updateTimeToLive(state: DynamoDbState, input: Record<string, unknown>) {
  const tableName = input.TableName;
  const specification = input.TimeToLiveSpecification as { Enabled?: unknown; AttributeName?: unknown } | undefined;
  if (typeof tableName !== 'string') {
    throw validationError("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null");
  }
  if (!specification || typeof specification.Enabled !== 'boolean' || typeof specification.AttributeName !== 'string' || specification.AttributeName === '') {
    throw validationError('TimeToLiveSpecification requires Enabled (boolean) and a non-empty AttributeName');
  }
  await state.engine.table(tableName);
  const current = state.timeToLive.get(tableName);
  if (specification.Enabled === (current !== undefined)) {
    throw validationError(`TimeToLive is already ${specification.Enabled ? 'enabled' : 'disabled'}`);
  }
  if (specification.Enabled) state.timeToLive.set(tableName, specification.AttributeName);
  else state.timeToLive.delete(tableName);
  return { TimeToLiveSpecification: { Enabled: specification.Enabled, AttributeName: specification.AttributeName } };
}
