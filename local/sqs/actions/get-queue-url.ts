import type { RequestContext } from '../../protocol/service';
import { queueDoesNotExist } from '../errors';
import { queueUrl } from '../queue-url';
import type { SqsState } from '../state';
import type { GetQueueUrlInput } from '../validations/get-queue-url';

export function getQueueUrl(state: SqsState, input: GetQueueUrlInput, context: RequestContext): Record<string, string> {
  const { engine } = state;
  const owner = input.QueueOwnerAWSAccountId;
  if (owner !== undefined && owner !== engine.account) throw queueDoesNotExist();
  const queue = engine.queues().find((candidate) => candidate.name === input.QueueName);
  if (!queue) throw queueDoesNotExist();
  return { QueueUrl: queueUrl(queue, engine.account, context, state.endpoint) };
}
