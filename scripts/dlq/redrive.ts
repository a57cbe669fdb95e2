import { DeleteMessageCommand, type Message } from '@aws-sdk/client-sqs';
import { decodeMessage } from './decode';
import { maskEmailAddresses } from './personal-data';
import { queueDepth, receiveMessages, releaseMessages } from './queue-messages';
import { describePath, plural } from './render';
import { resend } from './resend';
import type { StackAccess } from './stack-access';
import type { RedrivableQueue } from './topology';

export interface RedriveResult {
  redriven: number;
  failed: number;
  /** Messages that could not go anywhere yet, such as a rejected record that is still invalid. */
  kept: number;
}

/** Long enough to resend a message through an enrichment function before anyone else could receive it again. */
const REDRIVE_VISIBILITY_SECONDS = 120;

/**
 * Sends every message that is in the queue when it starts back through the queue's path, one at a time, and
 * deletes each only after its resend succeeded; failed and kept messages are made visible again at the end.
 * Messages that arrive meanwhile (a redriven event failing again) are left for the next run.
 */
export async function redriveQueue(access: StackAccess, queue: RedrivableQueue, print: (line: string) => void): Promise<RedriveResult> {
  const { sqs } = access.clients;
  const queueUrl = await access.queueUrls.of(queue.queueName);
  const { visible } = await queueDepth(sqs, queueUrl);
  print(`Redriving ${plural(visible, 'message')} from ${queue.queueName}: ${describePath(queue.path)}`);
  const result: RedriveResult = { redriven: 0, failed: 0, kept: 0 };
  const handled = new Set<string>();
  const toRelease: Message[] = [];
  try {
    while (handled.size < visible) {
      const batch = await receiveMessages(sqs, queueUrl, REDRIVE_VISIBILITY_SECONDS);
      const fresh = batch.filter((message) => !handled.has(message.MessageId ?? ''));
      toRelease.push(...batch.filter((message) => !fresh.includes(message)));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        handled.add(message.MessageId ?? '');
        const { messageId, content } = decodeMessage(message, queue.path);
        try {
          const outcome = await resend(access, queue.path, content);
          if (outcome.kind === 'kept') {
            toRelease.push(message);
            result.kept++;
            print(`  - ${messageId} kept: ${maskEmailAddresses(outcome.reason)}`);
            continue;
          }
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
          result.redriven++;
          print(`  ✓ ${messageId}: ${outcome.detail}`);
        } catch (error) {
          toRelease.push(message);
          result.failed++;
          print(`  ✗ ${messageId} stays in the queue: ${maskEmailAddresses(error instanceof Error ? error.message : String(error))}`);
        }
      }
    }
  } finally {
    await releaseMessages(sqs, queueUrl, toRelease);
  }
  print(`${queue.queueName}: ${result.redriven} redriven, ${result.failed} failed, ${result.kept} kept`);
  return result;
}
