import type { RequestContext } from '../../protocol/service';
import { queueUrl } from '../queue-url';
import type { SqsState } from '../state';
import type { ListQueuesInput } from '../validations/list-queues';

export function listQueues(state: SqsState, input: ListQueuesInput, context: RequestContext): Record<string, unknown> {
  const { engine } = state;
  const urls = engine
    .queues()
    .filter((queue) => queue.name.startsWith(input.QueueNamePrefix))
    .map((queue) => queueUrl(queue, engine.account, context, state.endpoint));
  const end = input.MaxResults === undefined ? urls.length : input.start + input.MaxResults;
  const page = urls.slice(input.start, end);
  if (page.length === 0) return {};
  return { QueueUrls: page, ...(end < urls.length ? { NextToken: Buffer.from(String(end)).toString('base64') } : {}) };
}
