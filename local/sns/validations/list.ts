import { optionalString, type Input } from './fields';

/** ListTopics and ListSubscriptions take only a NextToken. */
export interface ListInput {
  NextToken?: string;
}

export function validateList(input: Input): ListInput {
  const NextToken = optionalString(input, 'NextToken');
  return NextToken !== undefined ? { NextToken } : {};
}
