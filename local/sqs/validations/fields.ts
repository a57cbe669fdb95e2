import { AwsError } from '../../protocol/aws-error';
import { batchEntryIdsNotDistinct, emptyBatchRequest, invalidBatchEntryId, invalidMessageContents, invalidParameterValue, missingParameter, receiptHandleIsInvalid, tooManyEntriesInBatchRequest } from '../errors';
import { MAX_BATCH_ENTRIES, MAX_DELAY_SECONDS, MAX_MESSAGE_BYTES, MAX_VISIBILITY_TIMEOUT_SECONDS } from '../limits';
import { messageIdOfReceiptHandle } from '../receipt-handle';
import type { MessageAttributes } from '../types';

/** The members of an SQS request, as the JSON protocol carries them. */
export type Input = Record<string, unknown>;

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null || value === '') throw missingParameter(name);
  if (typeof value !== 'string') throw invalidParameterValue(`Value ${JSON.stringify(value)} for parameter ${name} is invalid. Reason: Must be a string.`);
  return value;
}

/** An optional integer parameter within [min, max], with AWS's wording when it is out of range. */
export function optionalInteger(input: Input, name: string, min: number, max: number, reason: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw invalidParameterValue(`Value ${String(value)} for parameter ${name} is invalid. Reason: ${reason}`);
  }
  return number;
}

export function optionalStringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw invalidParameterValue(`Value for parameter ${name} is invalid. Reason: Must be a list of strings.`);
  }
  return value as string[];
}

export function delaySeconds(input: Input): number | undefined {
  return optionalInteger(input, 'DelaySeconds', 0, MAX_DELAY_SECONDS, `DelaySeconds must be >= 0 and <= ${MAX_DELAY_SECONDS}.`);
}

export function optionalVisibilityTimeout(input: Input): number | undefined {
  return optionalInteger(
    input,
    'VisibilityTimeout',
    0,
    MAX_VISIBILITY_TIMEOUT_SECONDS,
    `VisibilityTimeout must be an integer between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}.`,
  );
}

export function visibilityTimeout(input: Input): number {
  if (input.VisibilityTimeout === undefined || input.VisibilityTimeout === null) throw missingParameter('VisibilityTimeout');
  return optionalVisibilityTimeout(input) as number;
}

/** The ReceiptHandle parameter, rejected when it is not a handle this runtime minted. */
export function receiptHandle(input: Input): string {
  const handle = requiredString(input, 'ReceiptHandle');
  if (messageIdOfReceiptHandle(handle) === undefined) throw receiptHandleIsInvalid(handle);
  return handle;
}

// XML 1.0 characters are the only ones SQS accepts in a body: tab, line feed, carriage return and printable ranges.
// eslint-disable-next-line no-control-regex -- the control characters are the point of this check
const INVALID_CHARACTER = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function messageBody(input: Input): string {
  const body = requiredString(input, 'MessageBody');
  if (INVALID_CHARACTER.test(body)) throw invalidMessageContents();
  return body;
}

export function messageAttributes(input: Input): MessageAttributes | undefined {
  const value = input.MessageAttributes;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameterValue('Value for parameter MessageAttributes is invalid. Reason: Must be a map of attribute names to values.');
  }
  const attributes: MessageAttributes = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    const attribute = (raw ?? {}) as { DataType?: unknown; StringValue?: unknown; BinaryValue?: unknown };
    if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name) || name.startsWith('AWS.') || name.startsWith('Amazon.')) {
      throw invalidParameterValue(`Message attribute name '${name}' is invalid.`);
    }
    if (typeof attribute.DataType !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(attribute.DataType)) {
      throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    }
    const isBinary = attribute.DataType.startsWith('Binary');
    const content = isBinary ? attribute.BinaryValue : attribute.StringValue;
    if (typeof content !== 'string' || content === '') {
      throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${attribute.DataType}'.`);
    }
    if (attribute.DataType.startsWith('Number') && !Number.isFinite(Number(content))) {
      throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
    }
    attributes[name] = isBinary ? { DataType: attribute.DataType, BinaryValue: content } : { DataType: attribute.DataType, StringValue: content };
  }
  return Object.keys(attributes).length > 0 ? attributes : undefined;
}

/** Body plus attribute names, types and values, which is what SQS counts against the size limit. */
export function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, attribute] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(attribute.DataType, 'utf8');
    size += attribute.BinaryValue !== undefined ? Buffer.from(attribute.BinaryValue, 'base64').length : Buffer.byteLength(attribute.StringValue ?? '', 'utf8');
  }
  return size;
}

export function checkMessageSize(body: string, attributes: MessageAttributes | undefined): void {
  if (messageSize(body, attributes) > MAX_MESSAGE_BYTES) {
    throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${MAX_MESSAGE_BYTES} bytes.`);
  }
}

const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/**
 * The Entries of a batch request, checked as SQS checks them before looking at any single entry. `entryType` is
 * the entries' type as SQS's messages name it, for example `SendMessageBatchRequestEntry`.
 */
export function batchEntries(input: Input, entryType: string): Input[] {
  const entries = input.Entries;
  if (entries === undefined || entries === null || (Array.isArray(entries) && entries.length === 0)) throw emptyBatchRequest(entryType);
  if (!Array.isArray(entries)) throw emptyBatchRequest(entryType);
  if (entries.length > MAX_BATCH_ENTRIES) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries as Input[]) {
    const id = entry?.Id;
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) throw invalidBatchEntryId();
    if (seen.has(id)) throw batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  return entries as Input[];
}

/**
 * One entry of a batch request after its own checks: a bad entry fails alone, reported among the batch's
 * failures, while the others go through.
 */
export type CheckedEntry<T> = { Id: string; input: T } | { Id: string; invalid: AwsError };

/** A batch operation's input: the queue, and each entry as its own checks left it. */
export interface BatchInput<T> {
  QueueUrl: string;
  Entries: CheckedEntry<T>[];
}

export function checkEntry<T>(entry: Input, check: (entry: Input) => T): CheckedEntry<T> {
  const Id = entry.Id as string;
  try {
    return { Id, input: check(entry) };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    return { Id, invalid: error };
  }
}
