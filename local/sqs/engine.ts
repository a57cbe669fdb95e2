import type { Clock } from '../clock';
import type { LogSink } from '../log-sink';
import type { QueueModel } from '../model/types';
import type { DurableMap, StateStore } from '../storage/state-store';
import { NO_TRACING, type Tracer } from '../trace';
import { Availability } from './availability';
import { purgeQueueInProgress, queueDoesNotExist } from './errors';
import { Queue, type ChangeVisibilityOutcome, type SendOptions } from './queue';
import type { MoveTask, StoredMessage } from './types';

const PURGE_INTERVAL_MS = 60_000;

export interface SqsEngineOptions {
  queues: QueueModel[];
  store: StateStore;
  account: string;
  clock: Clock;
  log: LogSink;
  /** Every message sent or moved to a dead-letter queue is a hop. */
  tracer?: Tracer;
}

/** Who sent a message, for its span: the hop that caused it, and whether the queue takes it as a dead letter. */
export interface SendTrace {
  parent?: string;
  deadLetter?: boolean;
}

/**
 * All queues of the runtime and what happens between them: lookup by URL, ARN or name, moves to dead-letter
 * queues, and waking consumers. Both the wire API and the in-process port go through it.
 */
export class SqsEngine {
  readonly account: string;
  readonly createdTimestamp: number;
  /** DLQ redrives started through StartMessageMoveTask, for ListMessageMoveTasks. */
  readonly moveTasks: DurableMap<MoveTask>;
  private readonly byName = new Map<string, Queue>();
  private readonly byArn = new Map<string, Queue>();
  private readonly availability: Availability;
  private readonly tracer: Tracer;
  private isClosed = false;
  /** When each queue was last purged, epoch ms. */
  private readonly lastPurges = new Map<string, number>();

  constructor(private readonly options: SqsEngineOptions) {
    this.account = options.account;
    this.createdTimestamp = options.clock.now();
    this.moveTasks = options.store.collection<MoveTask>('sqs-move-tasks');
    this.tracer = options.tracer ?? NO_TRACING;
    for (const model of options.queues) {
      const queue = new Queue(model, options.store.collection<StoredMessage>(`sqs-${model.name}`), () => options.clock.now());
      this.byName.set(model.name, queue);
      this.byArn.set(model.arn, queue);
    }
    this.availability = new Availability(
      options.clock,
      (name) => this.byName.get(name)?.nextVisibleAt(),
      (name, error) => options.log(`sqs: a listener of queue ${name} threw: ${error instanceof Error ? error.message : String(error)}`),
    );
    // Messages that were in flight or delayed when the runtime stopped wake their consumers when they come due.
    for (const queue of this.byName.values()) {
      const next = queue.nextVisibleAt();
      if (next !== undefined) this.availability.wakeAt(queue.name, next);
    }
  }

  queues(): Queue[] {
    return [...this.byName.values()];
  }

  /** Finds a queue by ARN, by URL (any host, path `/<account>/<name>`) or by bare name. */
  findQueue(reference: string): Queue | undefined {
    const byArn = this.byArn.get(reference);
    if (byArn) return byArn;
    if (/^https?:\/\//.test(reference)) {
      let path: string;
      try {
        path = new URL(reference).pathname;
      } catch {
        return undefined;
      }
      const segments = path.split('/').filter((segment) => segment !== '');
      return this.byName.get(segments[segments.length - 1] ?? '');
    }
    return this.byName.get(reference);
  }

  queue(reference: string): Queue {
    const queue = this.findQueue(reference);
    if (!queue) throw queueDoesNotExist();
    return queue;
  }

  send(queue: Queue, options: Omit<SendOptions, 'trace'>, trace: SendTrace = {}): StoredMessage {
    const message = queue.send({ ...options, trace: (messageId) => this.messageSpan(queue, messageId, options.body, trace) });
    if (message.visibleAt > this.options.clock.now()) this.availability.wakeAt(queue.name, message.visibleAt);
    else this.availability.notify(queue.name);
    return message;
  }

  receive(queue: Queue, max: number, visibilityTimeoutSeconds?: number): StoredMessage[] {
    const redrive = queue.model.redrivePolicy;
    const deadLetterQueue = redrive ? this.byArn.get(redrive.deadLetterTargetArn) : undefined;
    if (redrive && !deadLetterQueue) {
      this.options.log(`sqs: queue ${queue.name} names dead-letter queue ${redrive.deadLetterTargetArn}, which the runtime does not have; no message is moved`);
    }
    const received = queue.receive(
      max,
      visibilityTimeoutSeconds,
      deadLetterQueue &&
        ((message) => {
          this.tracer.end(message.traceSpan, 'error', { movedTo: deadLetterQueue.name, receiveCount: message.receiveCount });
          const span = this.messageSpan(deadLetterQueue, message.messageId, message.body, { parent: message.traceSpan, deadLetter: true });
          deadLetterQueue.acceptDeadLetter(message, queue.arn, span);
          this.availability.notify(deadLetterQueue.name);
          return true;
        }),
    );
    for (const message of received) this.availability.wakeAt(queue.name, message.visibleAt);
    return received;
  }

  deleteMessage(queue: Queue, receiptHandle: string): boolean {
    return queue.deleteByReceiptHandle(receiptHandle);
  }

  changeVisibility(queue: Queue, receiptHandle: string, visibilityTimeoutSeconds: number): ChangeVisibilityOutcome {
    const outcome = queue.changeVisibility(receiptHandle, visibilityTimeoutSeconds);
    if (outcome !== 'changed') return outcome;
    if (visibilityTimeoutSeconds === 0) this.availability.notify(queue.name);
    else this.availability.wakeAt(queue.name, this.options.clock.now() + visibilityTimeoutSeconds * 1000);
    return outcome;
  }

  /** True when some queue's redrive policy names this one as its dead-letter queue. */
  isDeadLetterQueue(queue: Queue): boolean {
    return this.queues().some((candidate) => candidate.model.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  /**
   * Moves the receivable messages of a dead-letter queue to `destination`, or back to the queue each came from,
   * as new messages. Each is sent before it is removed, so a crash in between duplicates rather than loses it.
   */
  redrive(source: Queue, destination: Queue | undefined): { moved: number; left: number } {
    let moved = 0;
    let left = 0;
    for (const message of source.visibleMessages()) {
      const target = destination ?? (message.deadLetterQueueSourceArn ? this.byArn.get(message.deadLetterQueueSourceArn) : undefined);
      if (!target) {
        left++;
        continue;
      }
      this.send(target, { body: message.body, messageAttributes: message.messageAttributes, senderId: message.senderId }, { parent: message.traceSpan });
      source.remove(message.messageId);
      moved++;
    }
    return { moved, left };
  }

  private messageSpan(queue: Queue, messageId: string, body: string, trace: SendTrace): string | undefined {
    return (
      this.tracer.record({
        kind: 'sqs.message',
        resource: queue.arn,
        name: queue.name,
        parents: [trace.parent],
        ids: [messageId],
        payload: body,
        attributes: trace.deadLetter ? { deadLetter: true } : {},
      }) || undefined
    );
  }

  /**
   * Deletes every message of the queue. SQS allows one purge a queue each minute; a second within it is refused,
   * so code that purges in a loop fails here as it would in AWS.
   */
  purge(queue: Queue): void {
    const now = this.options.clock.now();
    const last = this.lastPurges.get(queue.name);
    if (last !== undefined && now - last < PURGE_INTERVAL_MS) throw purgeQueueInProgress(queue.name);
    this.lastPurges.set(queue.name, now);
    queue.purge();
  }

  /** Subscribes to a queue; a queue that already holds visible messages notifies the new listener right away. */
  onAvailable(queue: Queue, listener: () => void): () => void {
    const unsubscribe = this.availability.subscribe(queue.name, listener);
    if (queue.hasVisibleMessages()) this.availability.notify(queue.name);
    return unsubscribe;
  }

  waitForAvailable(queue: Queue, timeoutMs: number): Promise<void> {
    return this.availability.waitFor(queue.name, timeoutMs);
  }

  now(): number {
    return this.options.clock.now();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  close(): void {
    this.isClosed = true;
    this.availability.close();
  }
}
