import type { LocalModel } from '../model/types';
import type { Span, SpanStore } from '../trace';

/** A hop as the console's lists show it: the span without its children and search values. */
export interface HopView {
  id: string;
  kind: string;
  name: string | undefined;
  outcome: string;
  startedAt: number;
  durationMs: number | undefined;
  attributes: Span['attributes'];
  ids: readonly string[];
  payload?: string;
  logs?: string[];
}

export function hopView(span: Span, options: { payload?: boolean; logs?: boolean } = {}): HopView {
  return {
    id: span.id,
    kind: span.kind,
    name: span.name,
    outcome: span.outcome,
    startedAt: span.startedAt,
    durationMs: span.endedAt === undefined ? undefined : span.endedAt - span.startedAt,
    attributes: span.attributes,
    ids: span.ids,
    ...(options.payload && span.payload !== undefined && { payload: span.payload }),
    ...(options.logs && span.logs && { logs: span.logs }),
  };
}

/** The newest hops of one resource, of the given kinds, newest first. */
export function recentHops(tracer: SpanStore, resource: string, kinds: readonly string[], limit: number, options?: Parameters<typeof hopView>[1]): HopView[] {
  const hops: HopView[] = [];
  for (const span of tracer.newestFirst()) {
    if (hops.length >= limit) break;
    if (span.resource === resource && kinds.includes(span.kind)) hops.push(hopView(span, options));
  }
  return hops;
}

/**
 * Every queue some resource sends its failures to: pipes' and rule targets' dead-letter queues, queues' redrive
 * targets, and functions' and stream mappings' on-failure destinations. These are the queues the console offers to
 * redrive.
 */
export function deadLetterQueueArns(model: LocalModel): Set<string> {
  const arns = new Set<string>();
  for (const pipe of model.pipes) if (pipe.source.kind === 'dynamodb-stream' && pipe.source.deadLetterArn) arns.add(pipe.source.deadLetterArn);
  for (const mapping of model.streamEventSourceMappings) if (mapping.onFailureDestinationArn) arns.add(mapping.onFailureDestinationArn);
  for (const rule of model.rules) for (const target of rule.targets) if (target.deadLetterArn) arns.add(target.deadLetterArn);
  for (const queue of model.queues) if (queue.redrivePolicy) arns.add(queue.redrivePolicy.deadLetterTargetArn);
  for (const fn of model.functions) if (fn.asyncConfig.onFailureDestinationArn) arns.add(fn.asyncConfig.onFailureDestinationArn);
  return arns;
}
