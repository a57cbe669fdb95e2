import type { LocalModel } from '../model/types';
import type { SpanStore } from '../trace';

export type NodeType = 'table' | 'stream' | 'pipe' | 'function' | 'bus' | 'rule' | 'queue' | 'topic' | 'api-destination' | 'mail' | 'other';

export interface TopologyNode {
  id: string;
  type: NodeType;
  name: string;
  /** The console page that shows the resource, as a hash route. */
  page: string;
  /** What the node counts (records, batches, invocations, events, matches, messages, writes, emails) and how many failed. */
  counted: string;
  total: number;
  errors: number;
  pending: number;
}

export interface TopologyEdge {
  from: string;
  to: string;
  /** `template`: the template connects the two; `observed`: a hop went from one to the other (a function's writes). */
  source: 'template' | 'observed';
  label?: string;
  /** Hops seen from one to the other since the start. */
  count: number;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** The hop each node type counts, and how it is named. */
const COUNTED: Record<NodeType, { kind: string; label: string } | undefined> = {
  table: { kind: 'dynamodb.write', label: 'writes by functions' },
  stream: { kind: 'stream.record', label: 'records' },
  pipe: { kind: 'pipe.batch', label: 'batches' },
  function: { kind: 'lambda.invoke', label: 'invocations' },
  bus: { kind: 'events.put', label: 'events' },
  rule: { kind: 'events.match', label: 'matches' },
  queue: { kind: 'sqs.message', label: 'messages' },
  topic: { kind: 'sns.publish', label: 'messages' },
  // Its calls are its rules' deliveries, counted on the rule.
  'api-destination': undefined,
  mail: { kind: 'ses.email', label: 'emails' },
  other: undefined,
};

/**
 * The running template as a graph: every resource the runtime serves, connected as the template connects them,
 * plus the connections only hops reveal (a function's table writes and emails), each with its live counts.
 */
export function buildTopology(model: LocalModel, tracer: SpanStore): Topology {
  const nodes = new Map<string, TopologyNode>();
  const edges = new Map<string, TopologyEdge>();
  const observed = new Map(tracer.edges().map((edge) => [`${edge.from}\u0000${edge.to}`, edge.count]));
  const addNode = (id: string, type: NodeType, name: string, page: string): void => {
    const counted = COUNTED[type];
    const counts = counted ? tracer.countsOf(id)[counted.kind] : undefined;
    // A rule's failures are its deliveries'; a function's include its failed event source batches.
    const extraErrors = type === 'rule' ? (tracer.countsOf(id)['events.delivery']?.error ?? 0) : 0;
    nodes.set(id, {
      id,
      type,
      name,
      page,
      counted: counted?.label ?? 'hops',
      total: counts ? counts.ok + counts.error + counts.pending + counts.dropped : 0,
      errors: (counts?.error ?? 0) + extraErrors,
      pending: counts?.pending ?? 0,
    });
  };
  const addEdge = (from: string | undefined, to: string | undefined, label?: string): void => {
    if (!from || !to) return;
    const key = `${from}\u0000${to}`;
    edges.set(key, { from, to, source: 'template', ...(label && { label }), count: observed.get(key) ?? 0 });
  };

  for (const table of model.tables) {
    addNode(table.arn, 'table', table.name, `#/tables/${encodeURIComponent(table.name)}`);
    if (table.stream) {
      addNode(table.stream.arn, 'stream', `${table.name} stream`, `#/tables/${encodeURIComponent(table.name)}`);
      addEdge(table.arn, table.stream.arn);
    }
  }
  for (const queue of model.queues) addNode(queue.arn, 'queue', queue.name, `#/queues/${encodeURIComponent(queue.name)}`);
  for (const fn of model.functions) addNode(fn.arn, 'function', fn.name, `#/functions/${encodeURIComponent(fn.name)}`);
  for (const bus of model.buses) addNode(bus.arn, 'bus', bus.name, `#/bus/${encodeURIComponent(bus.name)}`);
  // Topics and API destinations have no page of their own: their hops are in the traces.
  for (const topic of model.topics) addNode(topic.arn, 'topic', topic.name, '#/traces');
  for (const destination of model.apiDestinations) addNode(destination.arn, 'api-destination', destination.name, '#/traces');
  for (const subscription of model.snsSubscriptions) {
    addEdge(subscription.topicArn, subscription.endpoint, subscription.filterPolicy === undefined ? undefined : 'filtered');
    addEdge(subscription.topicArn, subscription.deadLetterArn, 'dead letters');
  }
  for (const pipe of model.pipes) {
    addNode(pipe.arn, 'pipe', pipe.name, `#/pipes/${encodeURIComponent(pipe.name)}`);
    addEdge(pipe.source.kind === 'sqs' ? pipe.source.queueArn : pipe.source.streamArn, pipe.arn);
    addEdge(pipe.arn, pipe.enrichment?.functionArn, 'enrichment');
    const target = pipe.target;
    addEdge(pipe.arn, target.kind === 'eventbridge' ? target.busArn : target.kind === 'sqs' ? target.queueArn : target.functionArn);
    if (pipe.source.kind === 'dynamodb-stream') addEdge(pipe.arn, pipe.source.deadLetterArn, 'dead letters');
  }
  for (const rule of model.rules) {
    const bus = model.buses.find((candidate) => candidate.name === rule.busName);
    addNode(rule.arn, 'rule', rule.name, `#/bus/${encodeURIComponent(rule.busName)}`);
    addEdge(bus?.arn, rule.arn);
    for (const target of rule.targets) {
      addEdge(rule.arn, target.arn);
      addEdge(rule.arn, target.deadLetterArn, 'dead letters');
    }
  }
  for (const mapping of model.eventSourceMappings) addEdge(mapping.queueArn, mapping.functionArn);
  for (const mapping of model.streamEventSourceMappings) {
    addEdge(mapping.streamArn, mapping.functionArn);
    addEdge(mapping.functionArn, mapping.onFailureDestinationArn, 'on failure');
  }
  for (const queue of model.queues) addEdge(queue.arn, queue.redrivePolicy?.deadLetterTargetArn, `after ${queue.redrivePolicy?.maxReceiveCount} receives`);
  for (const fn of model.functions) {
    addEdge(fn.arn, fn.asyncConfig.onFailureDestinationArn, 'on failure');
    addEdge(fn.arn, fn.asyncConfig.onSuccessDestinationArn, 'on success');
  }

  // A pipe's target is reached through its enrichment's invocation: those hops count on the pipe → target link.
  const throughEnrichment = new Set<string>();
  for (const pipe of model.pipes) {
    if (!pipe.enrichment) continue;
    const target = pipe.target;
    const targetArn = target.kind === 'eventbridge' ? target.busArn : target.kind === 'sqs' ? target.queueArn : target.functionArn;
    const hops = `${pipe.enrichment.functionArn}\u0000${targetArn}`;
    const link = edges.get(`${pipe.arn}\u0000${targetArn}`);
    if (link) link.count = observed.get(hops) ?? 0;
    throughEnrichment.add(hops);
  }

  for (const { from, to, count } of tracer.edges()) {
    const key = `${from}\u0000${to}`;
    if (edges.has(key) || throughEnrichment.has(key) || !nodes.has(from)) continue;
    if (!nodes.has(to)) addNode(to, to === 'ses' ? 'mail' : 'other', to === 'ses' ? 'Mail (SES)' : to, to === 'ses' ? '#/mail' : '#/traces');
    edges.set(key, { from, to, source: 'observed', count });
  }
  // Edges the template names between resources the runtime does not run (a DLQ in another stack) are left out.
  return { nodes: [...nodes.values()], edges: [...edges.values()].filter((edge) => nodes.has(edge.from) && nodes.has(edge.to)) };
}
