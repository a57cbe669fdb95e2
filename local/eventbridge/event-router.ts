import type { FaultPlan } from '../faults';
import type { SpanId, Tracer } from '../trace';
import type { PutEventsResultEntry } from '../model/ports';
import type { RuleModel } from '../model/types';
import type { Archives } from './archives';
import { busNameFromArnOrName } from '../template/arns';
import { DEFAULT_BUS_NAME, type Bus, type BusRegistry } from './bus-registry';
import type { Deliveries } from './delivery/deliveries';
import type { EntryAuthorizer } from './entry-authorization';
import { buildEnvelope } from './envelope';
import type { EventEnvelope } from './types';
import type { CheckedEntry } from './validations/put-events';

export interface EventRouterOptions {
  registry: BusRegistry;
  archives: Archives;
  deliveries: Deliveries;
  faults: FaultPlan;
  /** Epoch ms, from the bus's clock. */
  now: () => number;
  /** Each accepted event and each rule it matches is a hop. */
  tracer: Tracer;
}

/** What happens to checked PutEvents entries: the envelope, archiving, rule matching and delivery. */
export class EventRouter {
  constructor(private readonly options: EventRouterOptions) {}

  /**
   * Each entry is authorized on its bus for the caller before it is accepted; a refused entry fails alone.
   * `traceParent` is the hop that put the events: a pipe's enrichment, or a function's invocation.
   */
  putEvents(entries: readonly CheckedEntry[], authorize: EntryAuthorizer, traceParent?: SpanId): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
    const { registry, tracer } = this.options;
    const results: PutEventsResultEntry[] = entries.map((checked) => {
      if (!checked.ok) return checked.result;
      const bus = registry.findBus(checked.entry.EventBusName);
      const refused = authorize(checked.entry, bus?.model.arn ?? registry.busArn(busNameFromArnOrName(checked.entry.EventBusName || DEFAULT_BUS_NAME)));
      if (refused) return refused;
      // EventBridge itself accepts and silently drops events for a bus that does not exist; locally that would
      // lose events without a trace, so the entry fails instead.
      if (!bus) return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${checked.entry.EventBusName} does not exist.` };
      const event = buildEnvelope(checked.entry, checked.detail, registry.account, registry.region, this.options.now());
      this.options.archives.record(bus.model.arn, event);
      const span = tracer.record({
        kind: 'events.put',
        resource: bus.model.arn,
        name: event['detail-type'],
        parents: [traceParent],
        ids: [event.id],
        attributes: { source: event.source, detailType: event['detail-type'] },
        payload: JSON.stringify(event),
      });
      this.route(bus, event, undefined, span);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length, Entries: results };
  }

  /** Hands the event to the targets of every matching rule, or only of `onlyRuleArns` when a replay names them. */
  route(bus: Bus, event: EventEnvelope, onlyRuleArns?: readonly string[], eventSpan?: SpanId): void {
    for (const rule of this.options.registry.matchingRules(bus, event)) {
      if (onlyRuleArns && !onlyRuleArns.includes(rule.arn)) continue;
      this.deliverToRule(rule, event, eventSpan);
    }
  }

  /**
   * Hands the event to every target of one rule, as a scheduled rule's events are. The match is a hop caused by
   * `eventSpan`, the accepted event's; a scheduled rule's event has none, so its match starts a trace.
   */
  deliverToRule(rule: RuleModel, event: EventEnvelope, eventSpan?: SpanId): void {
    const match = this.options.tracer.record({ kind: 'events.match', resource: rule.arn, name: rule.name, parents: [eventSpan], ids: [event.id] });
    for (const target of rule.targets) {
      this.options.deliveries.enqueue(rule.arn, target.id, event, match);
      if (this.options.faults.duplicateRuleDelivery()) this.options.deliveries.enqueue(rule.arn, target.id, event, match);
    }
  }
}
