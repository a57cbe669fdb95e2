import { randomUUID } from 'node:crypto';
import type { QueueModel } from '../model/types';
import type { DurableMap } from '../storage/state-store';
import { md5Hex, md5OfMessageAttributes } from './md5';
import { newReceiptHandle, messageIdOfReceiptHandle } from './receipt-handle';
import type { MessageAttributes, StoredMessage } from './types';

export interface SendOptions {
  body: string;
  delaySeconds?: number;
  messageAttributes?: MessageAttributes;
  senderId: string;
  /** Records the message's span, once its id is drawn; the span is kept with the message. */
  trace?: (messageId: string) => string | undefined;
}

export interface QueueCounts {
  visible: number;
  inFlight: number;
  delayed: number;
}

export type ChangeVisibilityOutcome = 'changed' | 'unknown-handle' | 'not-in-flight';

/**
 * One queue's messages and their lifecycle: delay, visibility timeout, receive counts, retention and the
 * redrive policy. Every mutation goes through the durable map, so a receive that returned is on disk.
 */
export class Queue {
  constructor(
    readonly model: QueueModel,
    private readonly messages: DurableMap<StoredMessage>,
    /** Epoch ms, from the SQS clock. */
    private readonly now: () => number,
  ) {}

  get name(): string {
    return this.model.name;
  }

  get arn(): string {
    return this.model.arn;
  }

  send(options: SendOptions): StoredMessage {
    const now = this.now();
    const delaySeconds = options.delaySeconds ?? this.model.delaySeconds;
    const hasAttributes = options.messageAttributes !== undefined && Object.keys(options.messageAttributes).length > 0;
    const messageId = randomUUID();
    const traceSpan = options.trace?.(messageId);
    const message: StoredMessage = {
      messageId,
      body: options.body,
      md5OfBody: md5Hex(options.body),
      ...(hasAttributes
        ? { messageAttributes: options.messageAttributes, md5OfMessageAttributes: md5OfMessageAttributes(options.messageAttributes!) }
        : {}),
      sentTimestamp: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
      senderId: options.senderId,
      ...(traceSpan ? { traceSpan } : {}),
    };
    this.messages.set(message.messageId, message);
    return message;
  }

  /** Takes a message the source queue's redrive policy moved here; it keeps its id, send time and receive count. */
  acceptDeadLetter(message: StoredMessage, sourceArn: string, traceSpan: string | undefined): void {
    const { receiptHandle: _discarded, traceSpan: _sourceSpan, ...rest } = message;
    this.messages.set(message.messageId, { ...rest, visibleAt: this.now(), deadLetterQueueSourceArn: sourceArn, ...(traceSpan ? { traceSpan } : {}) });
  }

  /**
   * Receives up to `max` visible messages. A visible message already received `maxReceiveCount` times is handed
   * to `moveToDeadLetterQueue` instead, as SQS moves it on the receive attempt after the last allowed one.
   */
  receive(max: number, visibilityTimeoutSeconds: number | undefined, moveToDeadLetterQueue: ((message: StoredMessage) => boolean) | undefined): StoredMessage[] {
    const now = this.now();
    const timeoutMs = (visibilityTimeoutSeconds ?? this.model.visibilityTimeoutSeconds) * 1000;
    const maxReceiveCount = this.model.redrivePolicy?.maxReceiveCount;
    const received: StoredMessage[] = [];
    // A Map tolerates updates and deletes of entries during iteration, and an update keeps the entry's place.
    for (const message of this.messages.values()) {
      if (received.length >= max) break;
      if (this.expire(message, now) || message.visibleAt > now) continue;
      if (maxReceiveCount !== undefined && moveToDeadLetterQueue && message.receiveCount >= maxReceiveCount) {
        if (moveToDeadLetterQueue(message)) {
          this.messages.delete(message.messageId);
          continue;
        }
      }
      const updated: StoredMessage = {
        ...message,
        receiveCount: message.receiveCount + 1,
        firstReceiveTimestamp: message.firstReceiveTimestamp ?? now,
        receiptHandle: newReceiptHandle(message.messageId),
        visibleAt: now + timeoutMs,
      };
      this.messages.set(message.messageId, updated);
      received.push(updated);
    }
    return received;
  }

  /** Deletes the message the handle names, if the handle is still its latest. Returns false for a stale handle. */
  deleteByReceiptHandle(handle: string): boolean {
    const message = this.messageOf(handle);
    if (message === undefined || message.receiptHandle !== handle) return false;
    return this.messages.delete(message.messageId);
  }

  changeVisibility(handle: string, visibilityTimeoutSeconds: number): ChangeVisibilityOutcome {
    const message = this.messageOf(handle);
    if (message === undefined || message.receiptHandle !== handle) return 'unknown-handle';
    const now = this.now();
    if (message.visibleAt <= now) return 'not-in-flight';
    this.messages.set(message.messageId, { ...message, visibleAt: now + visibilityTimeoutSeconds * 1000 });
    return 'changed';
  }

  /** The messages that can be received now, without receiving them. */
  visibleMessages(): StoredMessage[] {
    const now = this.now();
    return [...this.messages.values()].filter((message) => !this.expire(message, now) && message.visibleAt <= now);
  }

  /** Up to `limit` kept messages, oldest first, whatever their visibility; nothing about them changes. */
  storedMessages(limit: number): StoredMessage[] {
    const now = this.now();
    const kept: StoredMessage[] = [];
    for (const message of this.messages.values()) {
      if (kept.length >= limit) break;
      if (!this.expire(message, now)) kept.push(message);
    }
    return kept;
  }

  remove(messageId: string): void {
    this.messages.delete(messageId);
  }

  purge(): void {
    this.messages.clear();
  }

  counts(): QueueCounts {
    const now = this.now();
    const counts: QueueCounts = { visible: 0, inFlight: 0, delayed: 0 };
    for (const message of this.messages.values()) {
      if (this.expire(message, now)) continue;
      if (message.visibleAt <= now) counts.visible++;
      else if (message.receiptHandle !== undefined) counts.inFlight++;
      else counts.delayed++;
    }
    return counts;
  }

  hasVisibleMessages(): boolean {
    const now = this.now();
    for (const message of this.messages.values()) if (message.visibleAt <= now) return true;
    return false;
  }

  /** The earliest future moment a message becomes visible, for waking listeners; undefined when none is pending. */
  nextVisibleAt(): number | undefined {
    const now = this.now();
    let next: number | undefined;
    for (const message of this.messages.values()) {
      if (message.visibleAt > now && (next === undefined || message.visibleAt < next)) next = message.visibleAt;
    }
    return next;
  }

  private messageOf(handle: string): StoredMessage | undefined {
    const messageId = messageIdOfReceiptHandle(handle);
    return messageId === undefined ? undefined : this.messages.get(messageId);
  }

  /** Drops a message past the retention period; true when it was dropped. */
  private expire(message: StoredMessage, now: number): boolean {
    if (message.sentTimestamp + this.model.messageRetentionSeconds * 1000 > now) return false;
    this.messages.delete(message.messageId);
    return true;
  }
}
