import { randomUUID } from 'node:crypto';

/**
 * Receipt handles are opaque to clients. Each receive mints a new one naming the message and the receive, so a
 * handle from an earlier receive no longer matches once the message has been received again.
 */
export function newReceiptHandle(messageId: string): string {
  return Buffer.from(`${messageId}#${randomUUID()}`, 'utf8').toString('base64');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The message id inside a handle, or undefined when the handle was not minted here. */
export function messageIdOfReceiptHandle(handle: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(handle)) return undefined;
  const [messageId, receiveId, ...rest] = Buffer.from(handle, 'base64').toString('utf8').split('#');
  if (rest.length > 0 || messageId === undefined || receiveId === undefined) return undefined;
  return UUID.test(messageId) && UUID.test(receiveId) ? messageId : undefined;
}
