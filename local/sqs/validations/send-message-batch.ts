import { batchRequestTooLong } from '../errors';
import { MAX_MESSAGE_BYTES } from '../limits';
import type { MessageAttributes } from '../types';
import { batchEntries, checkEntry, checkMessageSize, delaySeconds, messageAttributes, messageBody, messageSize, requiredString, type BatchInput, type Input } from './fields';

export interface SendMessageBatchEntryInput {
  MessageBody: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributes;
}

export type SendMessageBatchInput = BatchInput<SendMessageBatchEntryInput>;

/** The whole batch counts against one message's size limit; each entry is then checked on its own. */
export function validateSendMessageBatch(input: Record<string, unknown>): SendMessageBatchInput {
  const QueueUrl = requiredString(input, 'QueueUrl');
  const entries = batchEntries(input, 'SendMessageBatchRequestEntry');
  const totalSize = entries.reduce((sum, entry) => {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    return sum + messageSize(body, attributesForSize(entry));
  }, 0);
  if (totalSize > MAX_MESSAGE_BYTES) throw batchRequestTooLong(totalSize, MAX_MESSAGE_BYTES);
  return { QueueUrl, Entries: entries.map((entry) => checkEntry(entry, checkSendEntry)) };
}

function checkSendEntry(entry: Input): SendMessageBatchEntryInput {
  const MessageBody = messageBody(entry);
  const MessageAttributes = messageAttributes(entry);
  checkMessageSize(MessageBody, MessageAttributes);
  return { MessageBody, DelaySeconds: delaySeconds(entry), MessageAttributes };
}

/** Attributes for the size check only; an invalid entry is reported on its own afterwards. */
function attributesForSize(entry: Input): MessageAttributes | undefined {
  try {
    return messageAttributes(entry);
  } catch {
    return undefined;
  }
}
