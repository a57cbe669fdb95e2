import type { DeadLetterContent, DeadLetterMessage } from './decode';
import { plainItem } from './dynamodb-json';
import { maskEmailAddresses, maskPersonalData } from './personal-data';
import type { QueueDepth } from './queue-messages';
import type { StreamBatchInfo, WireStreamRecord } from './stream-batch';
import type { DeadLetterPath, RedrivableQueue } from './topology';

export interface RenderOptions {
  /** Print email addresses as they are; by default they are masked. */
  showPersonalData: boolean;
}

/** What `list` learned about one queue. */
export interface QueueListing {
  queue: RedrivableQueue;
  depth: QueueDepth;
  messages: DeadLetterMessage[];
  /** The records of each dead-lettered stream batch by message id, or why they could not be read. */
  streamRecords: Map<string, WireStreamRecord[] | Error>;
  /** Each rejected user's item as the table holds it now, by message id (undefined: gone), when personal data is shown. */
  userItems: Map<string, Record<string, unknown> | undefined | Error>;
}

/** One line per fact, so an operator can scan for the error and the attempts, and grep the output. */
export function renderListing(listing: QueueListing, options: RenderOptions): string[] {
  const { queue, depth, messages } = listing;
  const inFlight = depth.inFlight > 0 ? `, ${depth.inFlight} in flight (being processed, not shown)` : '';
  const count = depth.visible === 0 ? 'empty' : plural(depth.visible, 'message');
  const lines = [`${queue.queueName}: ${count}${inFlight}`, `  path: ${describePath(queue.path)}`];
  messages.forEach((message, index) => {
    lines.push(`  ${index + 1}) message ${message.messageId}${message.sentAt ? `, ${arrival(message.content, queue.path, message.sentAt)}` : ''}`);
    for (const [label, value] of contentFacts(message, listing, options)) {
      lines.push(`     ${`${label}:`.padEnd(10)}${value}`);
    }
  });
  const hidden = depth.visible - messages.length;
  if (hidden > 0) lines.push(`  … and ${hidden} more not shown (raise --max to see them)`);
  return lines;
}

/**
 * What a message's SentTimestamp means depends on who put it there. EventBridge, Lambda and Pipes send a message to
 * the DLQ when they give up, but SQS keeps the original send time when its redrive policy moves a message (AWS:
 * "the enqueue timestamp is unchanged"), so that time is when the event first reached the subscriber's queue.
 */
function arrival(content: DeadLetterContent, path: DeadLetterPath, sentAt: string): string {
  if (content.kind === 'queue-redrive') {
    const queue = path.kind === 'subscriber-queue' ? `queue ${path.queueName}` : 'its queue';
    return `first sent to ${queue} ${sentAt} (SQS keeps that time when it moves a message to the DLQ)`;
  }
  if (content.kind === 'rejected-user') return `rejected ${sentAt}`;
  return `dead-lettered ${sentAt}`;
}

export function describePath(path: DeadLetterPath): string {
  switch (path.kind) {
    case 'pipe':
      return `failed stream batches of pipe ${path.pipe.pipeName}; redrive reads the records back from the stream and runs them through the pipe again`;
    case 'rejected-users':
      return `user records that are not valid events; redrive replays each through pipe ${path.replayThrough.pipeName} (a record still invalid stays)`;
    case 'subscriber-queue':
      return `events subscriber ${path.subscriber} did not process; redrive sends them back to queue ${path.queueName}`;
    case 'subscriber-function':
      return `events subscriber ${path.subscriber} did not process; redrive invokes its function ${path.functionName} asynchronously with each`;
    case 'subscriber-webhook':
      return `events the webhook of subscriber ${path.subscriber} did not accept; redrive keeps them and says how to replay them from the archive`;
  }
}

function contentFacts(message: DeadLetterMessage, listing: QueueListing, options: RenderOptions): Array<[string, string]> {
  const records = listing.streamRecords.get(message.messageId);
  const show = (value: unknown) => JSON.stringify(options.showPersonalData ? value : maskPersonalData(value));
  const text = (value: string) => (options.showPersonalData ? value : maskEmailAddresses(value));
  const content: DeadLetterContent = message.content;
  switch (content.kind) {
    case 'rule-delivery':
      return [
        ['from', `rule ${content.ruleArn} → target ${content.targetArn}`],
        ['error', text(content.error)],
        ['attempts', attempts(content.attempts, content.condition)],
        ...eventFacts(content.eventJson, show),
      ];
    case 'queue-redrive':
      return [
        ['from', `queue ${content.sourceQueueArn ?? '(source not recorded)'}, after its redrive policy's receive limit`],
        ['error', 'not recorded by SQS: see the consuming function\'s logs'],
        ['attempts', attempts(content.attempts, 'maxReceiveCount reached')],
        ...eventFacts(content.eventJson, show),
      ];
    case 'lambda-destination':
      return [
        ['from', `function ${content.functionArn} (asynchronous invocation)`],
        ['error', text(content.error ?? '(no error recorded)')],
        ['attempts', attempts(content.attempts, content.condition)],
        ...eventFacts(content.eventJson, show),
      ];
    case 'stream-batch':
      return [
        ['from', `pipe ${content.pipeArn ?? '(unknown pipe)'}, stream ${content.batch.streamArn} shard ${content.batch.shardId}`],
        ['error', `${content.condition} (Pipes records no error message: see the pipe's log group)`],
        ['attempts', attempts(content.attempts)],
        ['batch', batchRange(content.batch)],
        ['records', records instanceof Error ? `unavailable: ${records.message}` : records === undefined ? '(not read)' : recordSummary(records, show)],
      ];
    case 'rejected-user': {
      const record = content.record as WireStreamRecord;
      return [
        ['from', `the user-created pipe's enrichment, stream record ${record.eventID ?? '(no event id)'} (${record.eventName ?? '?'})`],
        ['reason', text(content.reason)],
        ['keys', show(plainItem(record.dynamodb?.Keys))],
        // Records kept before the queue stopped holding images still carry theirs.
        record.dynamodb?.NewImage !== undefined
          ? ['record', show(plainItem(record.dynamodb.NewImage))]
          : ['item', userItemFact(listing, message.messageId)],
      ];
    }
    case 'unreadable':
      return [
        ['problem', content.problem],
        ['body', text(content.body)],
      ];
  }
}

/** The rejected user's item, read from the users table only when personal data is shown. */
function userItemFact(listing: QueueListing, messageId: string): string {
  const table = listing.queue.path.kind === 'rejected-users' ? listing.queue.path.usersTableName : 'the users table';
  if (!listing.userItems.has(messageId)) return `in ${table}, not kept here (--show-personal-data reads it)`;
  const item = listing.userItems.get(messageId);
  if (item instanceof Error) return `unavailable: ${maskEmailAddresses(item.message)}`;
  return item === undefined ? `no longer in ${table}` : JSON.stringify(plainItem(item));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function attempts(count: number | undefined, condition?: string): string {
  return `${count ?? '(not recorded)'}${condition ? ` (${condition})` : ''}`;
}

function eventFacts(eventJson: string, show: (value: unknown) => string): Array<[string, string]> {
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(eventJson) as Record<string, unknown>;
  } catch {
    return [['event', `(not JSON) ${show(eventJson)}`]];
  }
  return [
    ['event', `${String(event['detail-type'])} from ${String(event.source)}, id ${String(event.id)}, time ${String(event.time)}`],
    ['detail', show(event.detail)],
  ];
}

function batchRange(batch: StreamBatchInfo): string {
  const size = batch.batchSize === undefined ? '' : `, ${plural(batch.batchSize, 'record')}`;
  return `sequence numbers ${batch.startSequenceNumber}…${batch.endSequenceNumber}${size}`;
}

function recordSummary(records: readonly WireStreamRecord[], show: (value: unknown) => string): string {
  const each = records.map((record) => `${record.eventName ?? '?'} ${show(plainItem(record.dynamodb.Keys))}`);
  return `${records.length} in the stream: ${each.join(', ')}`;
}
