import { DlqError } from './dlq-error';
import type { RedrivableQueue } from './topology';

/**
 * The queue `redrive <name>` means. Queue names (full or short) come first, then pipe and subscriber names, so a
 * queue's own name wins over a pipe or subscriber that shares it.
 */
export function findDeadLetterQueue(queues: readonly RedrivableQueue[], name: string): RedrivableQueue {
  const byQueue = queues.filter((queue) => queue.queueName === name || queue.shortName === name);
  const matches = byQueue.length > 0 ? byQueue : queues.filter((queue) => queue.ownerNames.includes(name));
  if (matches.length === 1) return matches[0];
  const valid = validNames(queues).join(', ');
  if (matches.length === 0) throw new DlqError(`No dead-letter queue is called "${name}". Valid names: ${valid}`);
  throw new DlqError(`"${name}" names ${matches.map((queue) => queue.queueName).join(' and ')}; use one of their queue names`);
}

/** What the operator may type: each queue's short name and its pipe or subscriber name. */
export function validNames(queues: readonly RedrivableQueue[]): string[] {
  return [...new Set(queues.flatMap((queue) => [queue.shortName, ...queue.ownerNames.slice(0, 1)]))];
}
