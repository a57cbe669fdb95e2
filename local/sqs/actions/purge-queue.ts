import type { SqsEngine } from '../engine';
import { requiredString, type Input } from '../validation';

/** SQS allows one purge a minute; locally a purge is immediate and unlimited, which tests rely on. */
export function purgeQueue(engine: SqsEngine, input: Input): Record<string, never> {
  engine.purge(engine.queue(requiredString(input, 'QueueUrl')));
  return {};
}
