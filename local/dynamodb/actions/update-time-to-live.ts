import { validationError } from '../../protocol/aws-error';
import type { DynamoDbState } from '../state';
import type { UpdateTimeToLiveInput } from '../validations/update-time-to-live';

/**
 * Records the TTL setting so DescribeTimeToLive reports it. Expired items are not swept: AWS deletes them
 * only eventually, so readers already have to filter on the attribute, as Powertools idempotency does.
 */
export async function updateTimeToLive(state: DynamoDbState, input: UpdateTimeToLiveInput) {
  const { TableName: tableName, TimeToLiveSpecification: specification } = input;
  await state.engine.table(tableName);
  const current = state.timeToLive.get(tableName);
  if (specification.Enabled === (current !== undefined)) {
    throw validationError(`TimeToLive is already ${specification.Enabled ? 'enabled' : 'disabled'}`);
  }
  if (specification.Enabled) state.timeToLive.set(tableName, specification.AttributeName);
  else state.timeToLive.delete(tableName);
  return { TimeToLiveSpecification: { Enabled: specification.Enabled, AttributeName: specification.AttributeName } };
}
