import type { DynamoDbState } from '../dynamodb-state';

export async function describeTimeToLive(state: DynamoDbState, input: Record<string, unknown>) {
  await state.engine.run('DescribeTimeToLive', input);
  const attributeName = state.timeToLive.get(input.TableName as string);
  return {
    TimeToLiveDescription:
      attributeName === undefined ? { TimeToLiveStatus: 'DISABLED' } : { TimeToLiveStatus: 'ENABLED', AttributeName: attributeName },
  };
}
