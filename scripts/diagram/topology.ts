import type { LocalModel } from '../../local/model/types';
import { pipeTargetArn } from '../../local/pipes';

export type NodeKind = 'table' | 'pipe' | 'function' | 'bus' | 'archive' | 'rule' | 'queue' | 'dead-letter-queue' | 'other';

export interface TopologyNode {
  id: string;
  kind: NodeKind;
  /** Lines of the node's label: its name first, then what matters about it (filters, patterns). */
  lines: string[];
}

export interface TopologyEdge {
  from: string;
  to: string;
  label: string;
  /** The path a failed event or batch takes, drawn dashed. */
  failure: boolean;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/**
 * The data flow of a synthesized template: every pipe (source table or queue, filters, enrichment, target), bus, rule
 * (pattern, targets), queue and stream consumer, queue a function sends to, and every path to a dead-letter queue. Resources no event flows through
 * (tables without a pipe, roles, alarms) are left out.
 */
export function buildTopology(model: LocalModel): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges: TopologyEdge[] = [];
  const deadLetterArns = new Set<string>();
  const add = (arn: string, kind: NodeKind, logicalId: string, lines: string[]) => {
    nodes.set(arn, { id: nodeId(logicalId), kind, lines });
  };
  const connect = (from: string, to: string, label: string, failure = false) => {
    if (failure) deadLetterArns.add(to);
    edges.push({ from, to, label, failure });
  };

  for (const table of model.tables) {
    if (table.stream) add(table.stream.arn, 'table', table.logicalId, [table.name, `stream: ${table.stream.viewType}`]);
  }
  for (const queue of model.queues) add(queue.arn, 'queue', queue.logicalId, [queue.name]);
  for (const fn of model.functions) add(fn.arn, 'function', fn.logicalId, [displayName(model, fn.arn)]);
  for (const bus of model.buses) add(bus.arn, 'bus', bus.logicalId, [bus.name, 'event bus']);
  for (const archive of model.archives) add(`archive:${archive.logicalId}`, 'archive', archive.logicalId, [archive.name, 'archive']);
  for (const rule of model.rules) add(rule.arn, 'rule', rule.logicalId, [rule.name, JSON.stringify(rule.eventPattern)]);
  for (const pipe of model.pipes) add(pipe.arn, 'pipe', pipe.logicalId, [pipe.name, ...pipe.filters.map((filter) => `filter: ${filter}`)]);
  for (const topic of model.topics) add(topic.arn, 'other', topic.logicalId, [topic.name, 'topic']);
  for (const destination of model.apiDestinations) {
    add(destination.arn, 'other', destination.logicalId, [destination.name, `webhook: ${destination.httpMethod} ${destination.endpoint}`]);
  }

  for (const pipe of model.pipes) {
    const { source } = pipe;
    if (source.kind === 'sqs') connect(source.queueArn, pipe.arn, 'messages');
    else connect(source.streamArn, pipe.arn, 'stream');
    if (pipe.enrichment) connect(pipe.arn, pipe.enrichment.functionArn, 'enrichment');
    connect(pipe.arn, pipeTargetArn(pipe.target), 'target');
    if (source.kind === 'dynamodb-stream' && source.deadLetterArn) connect(pipe.arn, source.deadLetterArn, 'failed batches', true);
  }
  for (const archive of model.archives) connect(archive.sourceBusArn, `archive:${archive.logicalId}`, 'archived');
  for (const rule of model.rules) {
    const bus = model.buses.find((candidate) => candidate.name === rule.busName);
    if (bus) connect(bus.arn, rule.arn, 'rule');
    for (const target of rule.targets) {
      connect(rule.arn, target.arn, 'target');
      if (target.deadLetterArn) connect(rule.arn, target.deadLetterArn, 'undeliverable', true);
    }
  }
  for (const mapping of model.eventSourceMappings) connect(mapping.queueArn, mapping.functionArn, `batches of ${mapping.batchSize}`);
  for (const subscription of model.snsSubscriptions) {
    connect(subscription.topicArn, subscription.endpoint, 'subscription');
    if (subscription.deadLetterArn) connect(subscription.topicArn, subscription.deadLetterArn, 'undeliverable', true);
  }
  for (const queue of model.queues) {
    const redrive = queue.redrivePolicy;
    if (redrive) connect(queue.arn, redrive.deadLetterTargetArn, `after ${redrive.maxReceiveCount} receives`, true);
  }
  for (const fn of model.functions) {
    const onFailure = fn.asyncConfig.onFailureDestinationArn;
    if (onFailure) connect(fn.arn, onFailure, 'failed invocations', true);
    // A function given a queue's URL sends to it, as the enrichment parks rejected records.
    for (const queue of model.queues) if (Object.values(fn.environment).includes(queue.url)) connect(fn.arn, queue.arn, 'sends');
  }
  for (const mapping of model.streamEventSourceMappings) {
    const table = model.tables.find((candidate) => candidate.stream?.arn === mapping.streamArn);
    if (table?.stream) connect(table.stream.arn, mapping.functionArn, `stream, batches of ${mapping.batchSize}`);
    if (mapping.onFailureDestinationArn) connect(mapping.functionArn, mapping.onFailureDestinationArn, 'failed batches', true);
  }

  for (const arn of deadLetterArns) {
    const node = nodes.get(arn);
    if (node?.kind === 'queue') node.kind = 'dead-letter-queue';
  }
  const connected = new Set(edges.flatMap((edge) => [edge.from, edge.to]));
  for (const arn of connected) if (!nodes.has(arn)) nodes.set(arn, { id: nodeId(arn), kind: 'other', lines: [arn] });
  return {
    nodes: [...nodes.entries()].filter(([arn]) => connected.has(arn)).map(([, node]) => node),
    edges: edges.map((edge) => ({ ...edge, from: nodes.get(edge.from)!.id, to: nodes.get(edge.to)!.id })),
  };
}

/**
 * How a target is named for a reader: a queue by its name, a function by its logical id without the 8-digit hash
 * CDK appends (its physical name is generated at deploy time), anything else by the end of its ARN.
 */
export function displayName(model: LocalModel, arn: string): string {
  const fn = model.functions.find((candidate) => candidate.arn === arn);
  if (fn) return `λ ${fn.logicalId.replace(/[0-9A-F]{8}$/, '')}`;
  return model.queues.find((candidate) => candidate.arn === arn)?.name ?? arn.slice(arn.lastIndexOf(':') + 1);
}

function nodeId(key: string): string {
  return `n_${key.replace(/[^A-Za-z0-9]/g, '_')}`;
}
