import { optionalInteger, requiredString } from './fields';

export interface ListMessageMoveTasksInput {
  SourceArn: string;
  MaxResults: number;
}

export function validateListMessageMoveTasks(input: Record<string, unknown>): ListMessageMoveTasksInput {
  return {
    SourceArn: requiredString(input, 'SourceArn'),
    MaxResults: optionalInteger(input, 'MaxResults', 1, 10, 'MaxResults must be between 1 and 10.') ?? 1,
  };
}
