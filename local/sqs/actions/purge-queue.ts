import type { SqsState } from '../state';
import type { PurgeQueueInput } from '../validations/purge-queue';

/** The purge is immediate (SQS takes up to a minute); a second within the minute is refused, as in SQS. */
export function purgeQueue(state: SqsState, input: PurgeQueueInput): Record<string, never> {
  state.engine.purge(state.engine.queue(input.QueueUrl));
  return {};
}
