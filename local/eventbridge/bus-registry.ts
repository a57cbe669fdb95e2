import type { EventBusModel, RuleModel, RuleTargetModel } from '../model/types';
import { RuleSet } from '../patterns';
import { busNotFound, ruleNotFound } from './errors';
import type { LogSink } from '../log-sink';
import type { EventEnvelope } from './types';

export const DEFAULT_BUS_NAME = 'default';

export interface Bus {
  model: EventBusModel;
  rules: Map<string, RuleModel>;
  /** The ENABLED rules with an event pattern, keyed by rule ARN. */
  matcher: RuleSet<string>;
}

/**
 * The buses of the template (and the default bus every account has), their rules and one pattern-engine RuleSet
 * per bus. Everything here is read-only after start: the template is the single source of truth.
 */
export class BusRegistry {
  private readonly byName = new Map<string, Bus>();
  private readonly byArn = new Map<string, Bus>();
  private readonly rulesByArn = new Map<string, RuleModel>();

  constructor(
    buses: EventBusModel[],
    rules: RuleModel[],
    readonly region: string,
    readonly account: string,
    log: LogSink,
  ) {
    const all = buses.some((bus) => bus.name === DEFAULT_BUS_NAME)
      ? buses
      : [{ logicalId: 'DefaultEventBus', name: DEFAULT_BUS_NAME, arn: this.busArn(DEFAULT_BUS_NAME) }, ...buses];
    for (const model of all) {
      const bus: Bus = { model, rules: new Map(), matcher: new RuleSet<string>() };
      this.byName.set(model.name, bus);
      this.byArn.set(model.arn, bus);
    }
    for (const rule of rules) {
      const bus = this.byName.get(rule.busName);
      if (!bus) {
        log(`eventbridge: rule ${rule.name} names bus ${rule.busName}, which the template does not define; the rule is not served`);
        continue;
      }
      bus.rules.set(rule.name, rule);
      this.rulesByArn.set(rule.arn, rule);
      // A scheduled rule without a pattern matches no event; the scheduler runs it.
      if (rule.state !== 'ENABLED' || rule.eventPattern === undefined || rule.eventPattern === null) continue;
      try {
        bus.matcher.add(rule.arn, rule.eventPattern as string | object);
      } catch (error) {
        throw new Error(`Rule ${rule.name} on bus ${rule.busName} has an event pattern EventBridge would refuse: ${(error as Error).message}`);
      }
    }
  }

  busArn(name: string): string {
    return `arn:aws:events:${this.region}:${this.account}:event-bus/${name}`;
  }

  buses(): Bus[] {
    return [...this.byName.values()];
  }

  /** A bus by name or ARN; an omitted name means the default bus. */
  findBus(nameOrArn: string | undefined): Bus | undefined {
    if (nameOrArn === undefined || nameOrArn === '') return this.byName.get(DEFAULT_BUS_NAME);
    return this.byArn.get(nameOrArn) ?? this.byName.get(nameOrArn);
  }

  bus(nameOrArn: string | undefined): Bus {
    const bus = this.findBus(nameOrArn);
    if (!bus) throw busNotFound(nameOrArn ?? DEFAULT_BUS_NAME);
    return bus;
  }

  rule(busNameOrArn: string | undefined, ruleName: string): RuleModel {
    const bus = this.bus(busNameOrArn);
    const rule = bus.rules.get(ruleName);
    if (!rule) throw ruleNotFound(ruleName, bus.model.name);
    return rule;
  }

  /** Every rule with a schedule expression, enabled or not. */
  scheduledRules(): RuleModel[] {
    return [...this.rulesByArn.values()].filter((rule) => rule.scheduleExpression !== undefined);
  }

  target(ruleArn: string, targetId: string): { rule: RuleModel; target: RuleTargetModel } | undefined {
    const rule = this.rulesByArn.get(ruleArn);
    const target = rule?.targets.find((candidate) => candidate.id === targetId);
    return rule && target ? { rule, target } : undefined;
  }

  /** The rules of the bus whose pattern the event matches. */
  matchingRules(bus: Bus, event: EventEnvelope): RuleModel[] {
    return bus.matcher
      .match(event)
      .map((arn) => this.rulesByArn.get(arn))
      .filter((rule): rule is RuleModel => rule !== undefined);
  }
}
