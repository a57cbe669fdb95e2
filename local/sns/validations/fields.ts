import type { SnsMessageAttribute } from '../../patterns';
import { invalidParameter, invalidParameterValue, missingMember } from '../errors';

/** The members of an SNS request: query parameters nested by `nestParameters`, or the same shapes in process. */
export type Input = Record<string, unknown>;

/** SNS's limit on a message with its attributes, and on a whole batch. */
export const MAX_MESSAGE_BYTES = 262_144;

export function requiredString(input: Input, name: string): string {
  const value = input[name];
  if (value === undefined || value === null) throw missingMember(name.charAt(0).toLowerCase() + name.slice(1));
  if (typeof value !== 'string') throw invalidParameter(name);
  return value;
}

export function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidParameter(name);
  return value;
}

/** A list member: the query protocol's `Name.member.N` or a plain list. */
export function listMember(input: Input, name: string): unknown[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  const list = Array.isArray(value) ? value : (value as { member?: unknown }).member;
  if (!Array.isArray(list)) throw invalidParameter(name);
  return list;
}

/** What a published message is made of, checked as Publish checks it. */
export interface CheckedMessage {
  message: string;
  subject?: string;
  messageStructure?: 'json';
  messageAttributes?: Record<string, SnsMessageAttribute>;
}

export function checkedMessage(input: Input): CheckedMessage {
  const message = requiredString(input, 'Message');
  if (message === '') throw invalidParameter('Empty message');
  const subject = optionalString(input, 'Subject');
  // A subject is printable ASCII: SNS refuses line breaks and control characters in it.
  if (subject !== undefined && (subject.length === 0 || subject.length > 100 || /[^\x20-\x7E]/.test(subject))) throw invalidParameter('Subject');
  const structure = optionalString(input, 'MessageStructure');
  if (structure !== undefined && structure !== 'json') throw invalidParameter('MessageStructure');
  if (structure === 'json') checkPerProtocolMessages(message);
  const messageAttributes = attributes(input.MessageAttributes);
  if (messageSize(message, messageAttributes) > MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
  return { message, subject, ...(structure === 'json' ? { messageStructure: 'json' as const } : {}), messageAttributes };
}

/** Message plus attribute names, types and values, which SNS counts against the size limit. */
export function messageSize(message: string, messageAttributes: Record<string, SnsMessageAttribute> | undefined): number {
  let size = Buffer.byteLength(message, 'utf8');
  for (const [name, attribute] of Object.entries(messageAttributes ?? {})) {
    size += Buffer.byteLength(name + attribute.DataType + (attribute.StringValue ?? attribute.BinaryValue ?? ''), 'utf8');
  }
  return size;
}

function checkPerProtocolMessages(message: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || typeof (parsed as { default?: unknown }).default !== 'string') {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
}

/** MessageAttributes: the query protocol's `entry` list of Name and Value, or a plain map. */
function attributes(value: unknown): Record<string, SnsMessageAttribute> | undefined {
  if (value === undefined || value === null) return undefined;
  const entries = (value as { entry?: unknown }).entry;
  const pairs: Array<[string, unknown]> = Array.isArray(entries)
    ? entries.map((entry) => [String((entry as { Name?: unknown }).Name), (entry as { Value?: unknown }).Value])
    : Object.entries(value as Record<string, unknown>);
  const checked: Record<string, SnsMessageAttribute> = {};
  for (const [name, raw] of pairs) checked[name] = attribute(name, (raw ?? {}) as Record<string, unknown>);
  return Object.keys(checked).length > 0 ? checked : undefined;
}

const ATTRIBUTE_NAME = /^[A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,254}[A-Za-z0-9_-])?$/;

function attribute(name: string, raw: Record<string, unknown>): SnsMessageAttribute {
  if (!ATTRIBUTE_NAME.test(name) || name.includes('..') || /^(AWS|Amazon)\./i.test(name)) {
    throw invalidParameterValue(`The message attribute name '${name}' is invalid: use up to 256 letters, digits, _ - and . (not first, last or doubled), not starting with AWS. or Amazon.`);
  }
  const dataType = raw.DataType;
  if (typeof dataType !== 'string' || !/^(String|Number|Binary)(\..+)?$/.test(dataType)) {
    throw invalidParameterValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
  }
  const binary = dataType.startsWith('Binary');
  const content = binary ? raw.BinaryValue : raw.StringValue;
  if (typeof content !== 'string' || content === '') {
    throw invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`);
  }
  if (dataType.startsWith('Number') && !Number.isFinite(Number(content))) throw invalidParameterValue(`Could not cast message attribute '${name}' value to number.`);
  if (dataType === 'String.Array' && !isArrayOfScalars(content)) {
    throw invalidParameterValue(`The message attribute '${name}' with type 'String.Array' must be a JSON array of strings, numbers, true, false or null.`);
  }
  return binary ? { DataType: dataType, BinaryValue: content } : { DataType: dataType, StringValue: content };
}

function isArrayOfScalars(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item));
  } catch {
    return false;
  }
}
