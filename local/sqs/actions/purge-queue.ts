import type { SqsState } from '../state';
import type { PurgeQueueInput } from '../validations/purge-queue';

/** SQS allows one purge a minute; locally a purge is immediate and unlimited, which tests rely on. */
export function purgeQueue(state: SqsState, input: PurgeQueueInput): Record<string, never> {
  state.engine.purge(state.engine.queue(input.QueueUrl));
  return {};
}
