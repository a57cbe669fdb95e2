import { InputValidation } from '../validation';
import type { StreamsState } from '../streams-state';

export function listStreams(state: StreamsState, input: Record<string, unknown>) {
  const validation = new InputValidation(input);
  const tableName = validation.string('TableName', { minLength: 3, maxLength: 255 });
  const limit = validation.integer('Limit', { min: 1, max: 100 }) ?? 100;
  const exclusiveStart = validation.string('ExclusiveStartStreamArn', { minLength: 37, maxLength: 1024 });
  validation.check();

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
