import type { SqsEngine } from '../engine';
import { requiredString, type Input } from '../validation';
import { receiptHandle } from './receipt';

/** A well-formed but stale handle succeeds without deleting anything, as in SQS. */
export function deleteMessage(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.queue(requiredString(input, 'QueueUrl'));
  engine.deleteMessage(queue, receiptHandle(input));
  return {};
}
