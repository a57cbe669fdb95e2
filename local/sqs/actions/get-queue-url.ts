import type { RequestContext } from '../../protocol/service';
import type { SqsEngine } from '../engine';
import { queueDoesNotExist } from '../errors';
import { requiredString, type Input } from '../validation';
import { queueUrl } from './queue-url';

export function getQueueUrl(engine: SqsEngine, input: Input, context: RequestContext, endpoint: string): Record<string, string> {
  const name = requiredString(input, 'QueueName');
  const owner = input.QueueOwnerAWSAccountId;
  if (owner !== undefined && owner !== engine.account) throw queueDoesNotExist();
  const queue = engine.queues().find((candidate) => candidate.name === name);
  if (!queue) throw queueDoesNotExist();
  return { QueueUrl: queueUrl(queue, engine.account, context, endpoint) };
}
