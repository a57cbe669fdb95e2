import type { RequestContext } from '../protocol/service';
import type { Queue } from './queue';

/** A queue's URL as the calling client reaches this endpoint: `<endpoint>/<account>/<name>`. */
export function queueUrl(queue: Queue, account: string, context: RequestContext, fallbackEndpoint: string): string {
  const endpoint = (context.endpoint || fallbackEndpoint).replace(/\/+$/, '');
  return `${endpoint}/${account}/${queue.name}`;
}
