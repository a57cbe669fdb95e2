import type { RequestContext } from '../../protocol/service';
import type { SqsEngine } from '../engine';
import { invalidParameterValue } from '../errors';
import { optionalInteger, type Input } from '../validation';
import { queueUrl } from './queue-url';

export function listQueues(engine: SqsEngine, input: Input, context: RequestContext, endpoint: string): Record<string, unknown> {
  const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
  const maxResults = optionalInteger(input, 'MaxResults', 1, 1000, 'MaxResults must be an integer between 1 and 1000.');
  const start = startIndex(input.NextToken);
  if (start !== 0 && maxResults === undefined) {
    throw invalidParameterValue('MaxResults is a mandatory parameter when you provide a value for NextToken.');
  }
  const urls = engine
    .queues()
    .filter((queue) => queue.name.startsWith(prefix))
    .map((queue) => queueUrl(queue, engine.account, context, endpoint));
  const end = maxResults === undefined ? urls.length : start + maxResults;
  const page = urls.slice(start, end);
  if (page.length === 0) return {};
  return { QueueUrls: page, ...(end < urls.length ? { NextToken: Buffer.from(String(end)).toString('base64') } : {}) };
}

function startIndex(token: unknown): number {
  if (token === undefined || token === null || token === '') return 0;
  const index = typeof token === 'string' ? Number(Buffer.from(token, 'base64').toString('utf8')) : NaN;
  if (!Number.isInteger(index) || index < 0) throw invalidParameterValue('Invalid NextToken value.');
  return index;
}
