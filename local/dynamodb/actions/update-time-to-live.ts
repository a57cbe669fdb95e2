import { validationError } from '../../protocol/aws-error';
import type { DynamoDbState } from '../state';
import type { UpdateTimeToLiveInput } from '../validations/update-time-to-live';

/** Records the TTL setting, which DescribeTimeToLive reports and the TTL sweeper follows. */
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
