import type { StreamsState } from '../state';
import type { ListStreamsInput } from '../validations/list-streams';

export function listStreams(state: StreamsState, input: ListStreamsInput) {
  const { TableName: tableName, Limit: limit, ExclusiveStartStreamArn: exclusiveStart } = input;
  let candidates = state.logs.filter((log) => tableName === undefined || log.definition.tableName === tableName);
  if (exclusiveStart !== undefined) {
    const index = candidates.findIndex((log) => log.definition.arn === exclusiveStart);
    candidates = index === -1 ? [] : candidates.slice(index + 1);
  }
  const page = candidates.slice(0, limit);
  return {
    Streams: page.map(({ definition }) => ({
      StreamArn: definition.arn,
      TableName: definition.tableName,
      StreamLabel: definition.label,
    })),
    ...(candidates.length > limit && { LastEvaluatedStreamArn: page[page.length - 1].definition.arn }),
  };
}
