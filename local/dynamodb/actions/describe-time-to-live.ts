import type { DynaliteRequest } from '../engine';
import type { DynamoDbState } from '../state';

/** dynalite checks the table exists; the TTL setting is kept here, since dynalite keeps none. */
export async function describeTimeToLive(state: DynamoDbState, input: DynaliteRequest) {
  await state.engine.runChecked('DescribeTimeToLive', input);
  const attributeName = state.timeToLive.get(input.TableName as string);
  return {
    TimeToLiveDescription:
      attributeName === undefined ? { TimeToLiveStatus: 'DISABLED' } : { TimeToLiveStatus: 'ENABLED', AttributeName: attributeName },
  };
}
