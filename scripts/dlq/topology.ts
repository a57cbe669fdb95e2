import type { CfnTemplate } from '../../local/template/cfn-types';
import { DlqError } from './dlq-error';
import { propertyAt, TemplateReader } from './template-reader';

export type PipeTarget =
  | { kind: 'eventbridge'; busName: string; source: string; detailType: string; resources: string[] }
  | { kind: 'sqs'; queueName: string };

/** What a stream pipe does with a batch: filter, enrich, send to its target. */
export interface PipePath {
  pipeName: string;
  filters: string[];
  /** The enrichment function's name. */
  enrichment?: string;
  target: PipeTarget;
}

/** How a message of a dead-letter queue goes back: what produced it and where it is resent. */
export type DeadLetterPath =
  /** A failed stream batch: its records are read again and sent through the pipe. */
  | { kind: 'pipe'; pipe: PipePath }
  /** A rejected user record (its keys, not its image) a pipe's enrichment parked, replayed with its item read from the users table. */
  | { kind: 'rejected-users'; replayThrough: PipePath; usersTableName: string }
  /** A subscriber's event, resent to the queue its rule feeds (queued and queue-only delivery). */
  | { kind: 'subscriber-queue'; subscriber: string; queueName: string; maxReceiveCount?: number }
  /** A subscriber's event, resent to its function asynchronously (direct delivery). */
  | { kind: 'subscriber-function'; subscriber: string; functionName: string }
  /** A webhook subscriber's event: listed, not resent, since no AWS call sends one event to an API destination. */
  | { kind: 'subscriber-webhook'; subscriber: string; ruleName: string; destinationName: string };

/** A queue `npm run dlq` lists and redrives: a dead-letter queue of the stack, or the rejected-users queue. */
export interface RedrivableQueue {
  queueName: string;
  /** The queue name without the `users-fanout-<stage>-` prefix. */
  shortName: string;
  /** The pipe or subscriber the queue belongs to, short and full, which `redrive` also accepts. */
  ownerNames: string[];
  path: DeadLetterPath;
}

/** Every dead-letter queue of the stack (and the rejected-users queue), with the path each one belongs to. */
export function discoverDeadLetterQueues(template: CfnTemplate, stage: string): RedrivableQueue[] {
  const reader = new TemplateReader(template);
  const prefix = `users-fanout-${stage}-`;
  const shortOf = (name: string) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);
  const queueName = (logicalId: string) => reader.physicalName(logicalId, 'QueueName');
  const queues: RedrivableQueue[] = [];
  const add = (name: string, ownerNames: string[], path: DeadLetterPath) => queues.push({ queueName: name, shortName: shortOf(name), ownerNames, path });

  const pipes = reader.ofType('AWS::Pipes::Pipe').map(([logicalId, properties]) => readPipe(reader, logicalId, properties));
  for (const pipe of pipes) {
    if (pipe.deadLetterQueueId === undefined) continue;
    add(queueName(pipe.deadLetterQueueId), [shortOf(pipe.path.pipeName), pipe.path.pipeName], { kind: 'pipe', pipe: pipe.path });
  }
  // A pipe's enrichment may park the records it cannot publish in a queue it is given in its environment (the
  // rejected-users queue): such a record is replayed through that pipe's path, with its item read from the table.
  for (const pipe of pipes) {
    for (const parkingQueueId of pipe.enrichmentQueueIds) {
      if (pipe.sourceId === undefined) throw new DlqError(`${pipe.path.pipeName} reads a stream outside the stack; its rejected records cannot be looked up`);
      add(queueName(parkingQueueId), [], { kind: 'rejected-users', replayThrough: pipe.path, usersTableName: reader.physicalName(pipe.sourceId, 'TableName') });
    }
  }

  for (const [logicalId, properties] of reader.ofType('AWS::Events::Rule')) {
    const ruleName = reader.physicalName(logicalId, 'Name');
    const subscriber = shortOf(ruleName);
    for (const target of (properties.Targets as Array<Record<string, unknown>> | undefined) ?? []) {
      const dlqId = reader.referencedId(propertyAt(target, 'DeadLetterConfig', 'Arn'));
      const targetId = reader.referencedId(target.Arn);
      if (dlqId === undefined || targetId === undefined) continue;
      add(queueName(dlqId), [subscriber, ruleName], subscriberPath(reader, subscriber, ruleName, targetId));
    }
  }
  return queues;
}

function subscriberPath(reader: TemplateReader, subscriber: string, ruleName: string, targetId: string): DeadLetterPath {
  switch (reader.typeOf(targetId)) {
    case 'AWS::SQS::Queue': {
      const maxReceiveCount = propertyAt(reader.properties(targetId), 'RedrivePolicy', 'maxReceiveCount');
      return {
        kind: 'subscriber-queue',
        subscriber,
        queueName: reader.physicalName(targetId, 'QueueName'),
        maxReceiveCount: typeof maxReceiveCount === 'number' ? maxReceiveCount : undefined,
      };
    }
    case 'AWS::Lambda::Function':
      return { kind: 'subscriber-function', subscriber, functionName: reader.physicalName(targetId, 'FunctionName') };
    case 'AWS::Events::ApiDestination':
      return { kind: 'subscriber-webhook', subscriber, ruleName, destinationName: reader.physicalName(targetId, 'Name') };
    default:
      throw new DlqError(`The rule of subscriber ${subscriber} targets ${targetId} (${reader.typeOf(targetId)}); only queues, functions and webhooks have dead letters it reads`);
  }
}

interface TemplatePipe {
  path: PipePath;
  sourceId?: string;
  deadLetterQueueId?: string;
  /** Queues whose URL the enrichment function gets in its environment: where it parks what it cannot publish. */
  enrichmentQueueIds: string[];
}

function readPipe(reader: TemplateReader, logicalId: string, properties: Record<string, unknown>): TemplatePipe {
  const pipeName = reader.physicalName(logicalId, 'Name');
  const filters = ((propertyAt(properties, 'SourceParameters', 'FilterCriteria', 'Filters') as Array<{ Pattern?: unknown }> | undefined) ?? [])
    .map((filter) => filter.Pattern)
    .filter((pattern): pattern is string => typeof pattern === 'string');
  const enrichmentId = reader.referencedId(properties.Enrichment);
  return {
    path: {
      pipeName,
      filters,
      enrichment: enrichmentId === undefined ? undefined : reader.physicalName(enrichmentId, 'FunctionName'),
      target: pipeTarget(reader, pipeName, properties),
    },
    sourceId: reader.referencedId(properties.Source),
    deadLetterQueueId: reader.referencedId(propertyAt(properties, 'SourceParameters', 'DynamoDBStreamParameters', 'DeadLetterConfig', 'Arn')),
    enrichmentQueueIds: enrichmentId === undefined ? [] : environmentQueueIds(reader, enrichmentId),
  };
}

function environmentQueueIds(reader: TemplateReader, functionId: string): string[] {
  const variables = (propertyAt(reader.properties(functionId), 'Environment', 'Variables') ?? {}) as Record<string, unknown>;
  return Object.values(variables)
    .map((value) => reader.referencedId(value))
    .filter((id): id is string => id !== undefined && reader.typeOf(id) === 'AWS::SQS::Queue');
}

function pipeTarget(reader: TemplateReader, pipeName: string, properties: Record<string, unknown>): PipeTarget {
  const targetId = reader.referencedId(properties.Target);
  const type = targetId && reader.typeOf(targetId);
  if (targetId && type === 'AWS::Events::EventBus') {
    const parameters = (propertyAt(properties, 'TargetParameters', 'EventBridgeEventBusParameters') ?? {}) as Record<string, unknown>;
    return {
      kind: 'eventbridge',
      busName: reader.physicalName(targetId, 'Name'),
      source: String(parameters.Source ?? ''),
      detailType: String(parameters.DetailType ?? ''),
      resources: Array.isArray(parameters.Resources) ? parameters.Resources.map(String) : [],
    };
  }
  if (targetId && type === 'AWS::SQS::Queue') return { kind: 'sqs', queueName: reader.physicalName(targetId, 'QueueName') };
  throw new DlqError(`Pipe ${pipeName} targets ${targetId ?? 'a resource outside the stack'} (${type ?? 'unknown type'}); only a bus or a queue can be redriven to`);
}
