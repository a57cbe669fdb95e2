import type { Message } from '@aws-sdk/client-sqs';
import type { StreamBatchInfo } from './stream-batch';
import type { DeadLetterPath } from './topology';

/** Why a message is in its queue and what it carries, per the shape its producer writes. */
export type DeadLetterContent =
  /** EventBridge could not deliver the event to the rule's target. */
  | { kind: 'rule-delivery'; eventJson: string; ruleArn: string; targetArn: string; error: string; condition?: string; attempts?: number }
  /** The subscriber queue's redrive policy moved the event here after too many receives. */
  | { kind: 'queue-redrive'; eventJson: string; sourceQueueArn?: string; attempts?: number }
  /** Lambda's on-failure destination: the function kept failing on the event. */
  | { kind: 'lambda-destination'; eventJson: string; functionArn: string; error?: string; condition: string; attempts: number }
  /** A pipe gave up on a stream batch; the records stay in the stream. */
  | { kind: 'stream-batch'; batch: StreamBatchInfo; pipeArn?: string; condition: string; attempts: number }
  /** A new user record that is not a valid event, with the reason. */
  | { kind: 'rejected-user'; reason: string; record: unknown }
  | { kind: 'unreadable'; body: string; problem: string };

export interface DeadLetterMessage {
  messageId: string;
  sentAt?: string;
  content: DeadLetterContent;
}

export function decodeMessage(message: Message, path: DeadLetterPath): DeadLetterMessage {
  const sent = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? '(no id)',
    sentAt: Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : undefined,
    content: decodeContent(message, path),
  };
}

function decodeContent(message: Message, path: DeadLetterPath): DeadLetterContent {
  const body = message.Body ?? '';
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const ruleArn = attribute('RULE_ARN');
  if (ruleArn !== undefined) {
    return {
      kind: 'rule-delivery',
      eventJson: body,
      ruleArn,
      targetArn: attribute('TARGET_ARN') ?? '(unknown target)',
      error: [attribute('ERROR_CODE'), attribute('ERROR_MESSAGE')].filter(Boolean).join(': ') || '(not recorded)',
      condition: attribute('EXHAUSTED_RETRY_CONDITION'),
      attempts: optionalNumber(attribute('RETRY_ATTEMPTS')),
    };
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return { kind: 'unreadable', body, problem: 'the body is not JSON' };
  }
  if (isObject(parsed.DDBStreamBatchInfo)) return streamBatch(parsed);
  if (isObject(parsed.requestContext) && 'requestPayload' in parsed) return lambdaDestination(parsed);
  if (path.kind === 'rejected-users' && typeof parsed.reason === 'string' && isObject(parsed.record)) {
    return { kind: 'rejected-user', reason: parsed.reason, record: parsed.record };
  }
  if (typeof parsed['detail-type'] === 'string') {
    return {
      kind: 'queue-redrive',
      eventJson: body,
      sourceQueueArn: message.Attributes?.DeadLetterQueueSourceArn,
      // SQS moves a message once it has been received maxReceiveCount times.
      attempts: path.kind === 'subscriber-queue' ? path.maxReceiveCount : undefined,
    };
  }
  return { kind: 'unreadable', body, problem: `not a shape the ${path.kind} path writes` };
}

function streamBatch(parsed: Record<string, unknown>): DeadLetterContent {
  const info = parsed.DDBStreamBatchInfo as Record<string, unknown>;
  const context = (parsed.requestContext ?? {}) as Record<string, unknown>;
  return {
    kind: 'stream-batch',
    batch: {
      shardId: String(info.shardId),
      startSequenceNumber: String(info.startSequenceNumber),
      endSequenceNumber: String(info.endSequenceNumber),
      streamArn: String(info.streamArn),
      batchSize: optionalNumber(info.batchSize),
    },
    pipeArn: typeof context.pipeArn === 'string' ? context.pipeArn : undefined,
    condition: String(context.condition ?? '(not recorded)'),
    attempts: Number(context.approximateInvokeCount ?? 0),
  };
}

function lambdaDestination(parsed: Record<string, unknown>): DeadLetterContent {
  const context = parsed.requestContext as Record<string, unknown>;
  const response = parsed.responsePayload as { errorType?: unknown; errorMessage?: unknown } | undefined;
  const error = isObject(response) && response.errorType !== undefined ? `${String(response.errorType)}: ${String(response.errorMessage ?? '')}` : undefined;
  return {
    kind: 'lambda-destination',
    eventJson: JSON.stringify(parsed.requestPayload),
    functionArn: String(context.functionArn ?? '(unknown function)'),
    error,
    condition: String(context.condition ?? '(not recorded)'),
    attempts: Number(context.approximateInvokeCount ?? 0),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalNumber(value: unknown): number | undefined {
  const number = Number(value);
  return value === undefined || !Number.isFinite(number) ? undefined : number;
}
