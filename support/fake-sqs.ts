import { randomUUID, createHash } from 'node:crypto';
import { SqsPort, SqsReceivedMessage, SqsSendInput } from '../local/model/ports';
import type { AuthorizationCheck, RequestCaller } from '../local/protocol/authorization';

interface StoredMessage {
  messageId: string;
  body: string;
  input: SqsSendInput;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  receiptHandle?: string;
}

/** An in-memory SqsPort for tests: visibility timeouts and receive counts, no redrive, and no IAM (callers are ignored). */
export class FakeSqs implements SqsPort {
  readonly queues = new Map<string, StoredMessage[]>();
  readonly deleted: string[] = [];
  /** How many times anyone has asked to receive: a consumer has polled once this moves. */
  receiveCalls = 0;
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly visibilityTimeoutSeconds = 30) {}

  createQueue(arn: string): void {
    this.queues.set(arn, []);
  }

  messages(arn: string): StoredMessage[] {
    return this.queue(arn);
  }

  send(queueArn: string, input: SqsSendInput): { messageId: string; md5OfBody: string } {
    const messageId = randomUUID();
    const now = Date.now();
    this.queue(queueArn).push({ messageId, body: input.body, input, sentAt: now, visibleAt: now, receiveCount: 0 });
    for (const listener of this.listeners.get(queueArn) ?? []) listener();
    return { messageId, md5OfBody: md5(input.body) };
  }

  receive(queueArn: string, max: number, _caller: RequestCaller, visibilityTimeoutSeconds?: number): SqsReceivedMessage[] {
    this.receiveCalls++;
    const now = Date.now();
    const visible = this.queue(queueArn).filter((message) => message.visibleAt <= now).slice(0, max);
    return visible.map((message) => {
      message.receiveCount++;
      message.visibleAt = now + (visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds) * 1000;
      message.receiptHandle = randomUUID();
      return {
        messageId: message.messageId,
        receiptHandle: message.receiptHandle,
        body: message.body,
        md5OfBody: md5(message.body),
        attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          ApproximateFirstReceiveTimestamp: String(now),
          SenderId: '000000000000',
        },
        ...(message.input.messageAttributes ? { messageAttributes: message.input.messageAttributes } : {}),
      };
    });
  }

  delete(queueArn: string, receiptHandle: string): void {
    const queue = this.queue(queueArn);
    const index = queue.findIndex((message) => message.receiptHandle === receiptHandle);
    if (index < 0) return;
    this.deleted.push(queue[index].body);
    queue.splice(index, 1);
  }

  changeVisibility(queueArn: string, receiptHandle: string, visibilityTimeoutSeconds: number): void {
    const message = this.queue(queueArn).find((candidate) => candidate.receiptHandle === receiptHandle);
    if (message) message.visibleAt = Date.now() + visibilityTimeoutSeconds * 1000;
  }

  sendPermissions(queueArn: string): AuthorizationCheck[] {
    return [{ action: 'sqs:SendMessage', resource: queueArn }];
  }

  onAvailable(queueArn: string, listener: () => void): () => void {
    const set = this.listeners.get(queueArn) ?? new Set();
    set.add(listener);
    this.listeners.set(queueArn, set);
    return () => set.delete(listener);
  }

  private queue(arn: string): StoredMessage[] {
    const queue = this.queues.get(arn);
    if (!queue) throw new Error(`AWS.SimpleQueueService.NonExistentQueue: ${arn}`);
    return queue;
  }
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
