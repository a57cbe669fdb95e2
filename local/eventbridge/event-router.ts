import type { FaultPlan } from '../faults';
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
}

/** What happens to checked PutEvents entries: the envelope, archiving, rule matching and delivery. */
export class EventRouter {
  constructor(private readonly options: EventRouterOptions) {}

  /** Each entry is authorized on its bus for the caller before it is accepted; a refused entry fails alone. */
  putEvents(entries: readonly CheckedEntry[], authorize: EntryAuthorizer): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
    const { registry } = this.options;
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
      this.route(bus, event);
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length, Entries: results };
  }

  /** Hands the event to the targets of every matching rule, or only of `onlyRuleArns` when a replay names them. */
  route(bus: Bus, event: EventEnvelope, onlyRuleArns?: readonly string[]): void {
    for (const rule of this.options.registry.matchingRules(bus, event)) {
      if (onlyRuleArns && !onlyRuleArns.includes(rule.arn)) continue;
      this.deliverToRule(rule, event);
    }
  }

  /** Hands the event to every target of one rule, as a scheduled rule's events are. */
  deliverToRule(rule: RuleModel, event: EventEnvelope): void {
    for (const target of rule.targets) {
      this.options.deliveries.enqueue(rule.arn, target.id, event);
      if (this.options.faults.duplicateRuleDelivery()) this.options.deliveries.enqueue(rule.arn, target.id, event);
    }
  }
}
