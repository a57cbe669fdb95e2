import { decodeMessage } from './decode';
import { peekMessages, queueDepth } from './queue-messages';
import { plural, renderListing, type QueueListing, type RenderOptions } from './render';
import type { StackAccess } from './stack-access';
import { readStreamBatch, type WireStreamRecord } from './stream-batch';
import type { RedrivableQueue } from './topology';

export interface ListOptions extends RenderOptions {
  /** Most messages shown per queue. */
  max: number;
}

/** Prints what sits in each queue, reading messages without consuming them. Returns how many messages there are. */
export async function listDeadLetters(
  access: StackAccess,
  queues: readonly RedrivableQueue[],
  options: ListOptions,
  print: (line: string) => void,
): Promise<number> {
  let total = 0;
  for (const queue of queues) {
    const listing = await readQueue(access, queue, options.max);
    total += listing.depth.visible;
    for (const line of renderListing(listing, options)) print(line);
    print('');
  }
  print(`${plural(total, 'message')} in ${plural(queues.length, 'queue')}`);
  return total;
}

async function readQueue(access: StackAccess, queue: RedrivableQueue, max: number): Promise<QueueListing> {
  const { sqs, streams } = access.clients;
  const queueUrl = await access.queueUrls.of(queue.queueName);
  const depth = await queueDepth(sqs, queueUrl);
  const messages = depth.visible === 0 ? [] : (await peekMessages(sqs, queueUrl, depth.visible, max)).map((message) => decodeMessage(message, queue.path));
  const streamRecords = new Map<string, WireStreamRecord[] | Error>();
  for (const message of messages) {
    if (message.content.kind !== 'stream-batch') continue;
    streamRecords.set(message.messageId, await readStreamBatch(streams, message.content.batch).catch(asError));
  }
  return { queue, depth, messages, streamRecords };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
