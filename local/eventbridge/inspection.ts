import type { PutEventsEntry } from '../model/ports';
import type { RuleModel } from '../model/types';
import type { BusRegistry } from './bus-registry';
import { buildEnvelope } from './envelope';
import { validatePutEvents } from './validations/put-events';

/** What the console asks the bus without sending anything: which rules an event would match. */
export interface EventBridgeInspection {
  /** The enabled rules of the entry's bus whose pattern matches it, by the bus's own pattern engine; throws an entry PutEvents would refuse. */
  matchingRules(entry: PutEventsEntry): RuleModel[];
}

export function inspectEventBridge(registry: BusRegistry, now: () => number): EventBridgeInspection {
  return {
    matchingRules(entry) {
      const [checked] = validatePutEvents({ Entries: [entry] }).Entries;
      if (!checked.ok) throw new Error(`${checked.result.ErrorCode}: ${checked.result.ErrorMessage}`);
      const bus = registry.bus(checked.entry.EventBusName);
      return registry.matchingRules(bus, buildEnvelope(checked.entry, checked.detail, registry.account, registry.region, now()));
    },
  };
}
