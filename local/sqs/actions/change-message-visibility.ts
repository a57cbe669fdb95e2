import type { SqsEngine } from '../engine';
import { messageNotInflight } from '../errors';
import { requiredString, visibilityTimeout, type Input } from '../validation';
import { receiptHandle } from './receipt';

export function changeMessageVisibility(engine: SqsEngine, input: Input): Record<string, never> {
  const queue = engine.queue(requiredString(input, 'QueueUrl'));
  const handle = receiptHandle(input);
  const timeout = visibilityTimeout(input, true) as number;
  if (engine.changeVisibility(queue, handle, timeout) !== 'changed') throw messageNotInflight();
  return {};
}
