import { nestParameters } from '../protocol/query-protocol';

/**
 * The members a query-protocol SQS request carries, in the shapes the JSON protocol gives them, so that both wire
 * protocols share one operations table. The query protocol flattens lists (`AttributeName.1`) and maps
 * (`MessageAttribute.1.Name` / `.Value`) and names batch entries after their type.
 */
const LIST_NAMES: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  SendMessageBatchRequestEntry: 'Entries',
  DeleteMessageBatchRequestEntry: 'Entries',
  ChangeMessageVisibilityBatchRequestEntry: 'Entries',
};

/** Name/Value lists that are maps in the JSON protocol. */
const MAP_NAMES: Readonly<Record<string, string>> = {
  MessageAttribute: 'MessageAttributes',
  MessageSystemAttribute: 'MessageSystemAttributes',
  Attribute: 'Attributes',
};

/** The request's members, with `QueueUrl` taken from the path when the request was posted to the queue's URL. */
export function queryInput(parameters: Readonly<Record<string, string>>, queueUrlFromPath: string | undefined): Record<string, unknown> {
  const { Action: _action, Version: _version, ...members } = parameters;
  const input = reshape(nestParameters(members)) as Record<string, unknown>;
  if (input.QueueUrl === undefined && queueUrlFromPath !== undefined) input.QueueUrl = queueUrlFromPath;
  return input;
}

function reshape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reshape);
  if (value === null || typeof value !== 'object') return value;
  const shaped: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    if (name in LIST_NAMES) shaped[LIST_NAMES[name]] = (Array.isArray(child) ? child : [child]).map(reshape);
    else if (name in MAP_NAMES) shaped[MAP_NAMES[name]] = nameValueMap(Array.isArray(child) ? child : [child]);
    else shaped[name] = reshape(child);
  }
  return shaped;
}

function nameValueMap(pairs: unknown[]): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const pair of pairs) {
    const { Name, Value } = (pair ?? {}) as { Name?: unknown; Value?: unknown };
    if (typeof Name === 'string') map[Name] = reshape(Value);
  }
  return map;
}
