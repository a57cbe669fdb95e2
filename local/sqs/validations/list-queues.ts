import { invalidParameterValue } from '../errors';
import { optionalInteger } from './fields';

export interface ListQueuesInput {
  QueueNamePrefix: string;
  MaxResults?: number;
  /** Where the page starts: the position a NextToken names, 0 without one. */
  start: number;
}

export function validateListQueues(input: Record<string, unknown>): ListQueuesInput {
  const QueueNamePrefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
  const MaxResults = optionalInteger(input, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
  const start = startIndex(input.NextToken);
  if (start !== 0 && MaxResults === undefined) {
    throw invalidParameterValue('MaxResults is a mandatory parameter when you provide a value for NextToken.');
  }
  return { QueueNamePrefix, MaxResults, start };
}

function startIndex(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const index = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString('utf8')) : NaN;
  if (!Number.isInteger(index) || index < 0) throw invalidParameterValue('Invalid NextToken value.');
  return index;
}
