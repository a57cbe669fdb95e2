import { md5OfMessageAttributes } from './md5';
import type { MessageAttributes, StoredMessage } from './types';

/** A received message in the shape ReceiveMessage returns, with only the attributes the caller asked for. */
export function receivedMessageView(
  message: StoredMessage,
  systemAttributeNames: readonly string[],
  messageAttributeNames: readonly string[],
): Record<string, unknown> {
  const view: Record<string, unknown> = {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
  };
  const attributes = selectSystemAttributes(systemAttributes(message), systemAttributeNames);
  if (Object.keys(attributes).length > 0) view.Attributes = attributes;
  const selected = selectMessageAttributes(message, messageAttributeNames);
  if (selected) {
    view.MessageAttributes = selected;
    view.MD5OfMessageAttributes = md5OfMessageAttributes(selected);
  }
  return view;
}

export function systemAttributes(message: StoredMessage): Record<string, string> {
  return {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentTimestamp),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp ?? message.sentTimestamp),
    ...(message.deadLetterQueueSourceArn ? { DeadLetterQueueSourceArn: message.deadLetterQueueSourceArn } : {}),
  };
}

function selectSystemAttributes(all: Record<string, string>, names: readonly string[]): Record<string, string> {
  if (names.includes('All')) return all;
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.includes(name)));
}

function selectMessageAttributes(message: StoredMessage, names: readonly string[]): MessageAttributes | undefined {
  if (!message.messageAttributes || names.length === 0) return undefined;
  const wanted = (name: string): boolean =>
    names.some((pattern) => pattern === 'All' || pattern === '.*' || pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))));
  const selected = Object.fromEntries(Object.entries(message.messageAttributes).filter(([name]) => wanted(name)));
  return Object.keys(selected).length > 0 ? selected : undefined;
}
