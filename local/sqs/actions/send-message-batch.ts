import type { SqsEngine } from '../engine';
import { batchRequestTooLong } from '../errors';
import { MAX_MESSAGE_BYTES, checkMessageSize, delaySeconds, messageAttributes, messageBody, messageSize, requiredString, type Input } from '../validation';
import { batchEntries, runEntry, type BatchFailure } from './batch-entries';

export function sendMessageBatch(engine: SqsEngine, input: Input): Record<string, unknown> {
  const queue = engine.queue(requiredString(input, 'QueueUrl'));
  const entries = batchEntries(input);
  const totalSize = entries.reduce((sum, entry) => {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    return sum + messageSize(body, safeAttributes(entry));
  }, 0);
  if (totalSize > MAX_MESSAGE_BYTES) throw batchRequestTooLong(totalSize, MAX_MESSAGE_BYTES);

  const successful: Record<string, unknown>[] = [];
  const failed: BatchFailure[] = [];
  for (const entry of entries) {
    const outcome = runEntry(entry, () => {
      const body = messageBody(entry);
      const attributes = messageAttributes(entry);
      checkMessageSize(body, attributes);
      return engine.send(queue, { body, delaySeconds: delaySeconds(entry), messageAttributes: attributes, senderId: engine.account });
    });
    if ('failed' in outcome) {
      failed.push(outcome.failed);
      continue;
    }
    successful.push({
      Id: entry.Id,
      MessageId: outcome.ok.messageId,
      MD5OfMessageBody: outcome.ok.md5OfBody,
      ...(outcome.ok.md5OfMessageAttributes ? { MD5OfMessageAttributes: outcome.ok.md5OfMessageAttributes } : {}),
    });
  }
  return { Successful: successful, Failed: failed };
}

/** Attributes for the size check only; an invalid entry is reported on its own afterwards. */
function safeAttributes(entry: Input): ReturnType<typeof messageAttributes> {
  try {
    return messageAttributes(entry);
  } catch {
    return undefined;
  }
}
