import { randomUUID } from 'node:crypto';
import type { Clock, Timer } from '../clock';
import type { LogSink } from '../log-sink';
import type { RuleModel } from '../model/types';
import { parseScheduleExpression, type Schedule } from '../schedule-expression';
import type { DurableMap, StateStore } from '../storage/state-store';
import type { BusRegistry } from './bus-registry';
import type { EventRouter } from './event-router';
import type { EventEnvelope } from './types';

/** What the schedules page reports of one scheduled rule. */
export interface ScheduleView {
  rule: string;
  arn: string;
  scheduleExpression: string;
  state: RuleModel['state'];
  /** ISO time of the next run; absent for a disabled rule or a cron whose years are over. */
  nextRun?: string;
}

export interface SchedulerOptions {
  registry: BusRegistry;
  router: EventRouter;
  store: StateStore;
  clock: Clock;
  log: LogSink;
}

interface ArmedRule {
  rule: RuleModel;
  schedule: Schedule;
  nextRun?: number;
  timer?: Timer;
}

/** Node's timers overflow past 2^31 ms (24.8 days); a longer wait is taken in steps of at most a day. */
const MAX_TIMER_MS = 86_400_000;

/**
 * Runs the scheduled rules on the runtime's clock: at each run, one "Scheduled Event" from `aws.events` goes to
 * the rule's targets. The next run of each rule is kept in the state store, so a rate keeps its cadence across
 * restarts; runs missed while the runtime was stopped are not made up, as a disabled-then-enabled rule's are not.
 */
export class Scheduler {
  private readonly armed = new Map<string, ArmedRule>();
  private readonly nextRuns: DurableMap<number>;
  private closed = false;

  constructor(private readonly options: SchedulerOptions) {
    this.nextRuns = options.store.collection<number>('eventbridge-schedules');
    for (const rule of options.registry.scheduledRules()) {
      this.armed.set(rule.name, { rule, schedule: parseScheduleExpression(rule.scheduleExpression as string) });
    }
  }

  start(): void {
    const now = this.options.clock.now();
    for (const armed of this.armed.values()) {
      if (armed.rule.state !== 'ENABLED') continue;
      const stored = this.nextRuns.get(armed.rule.arn);
      this.arm(armed, stored !== undefined && stored > now ? stored : armed.schedule.next(now));
    }
  }

  /** Runs a scheduled rule now, off its schedule; its next scheduled run stays as it was. */
  runNow(ruleName: string): { eventId: string } | 'unknown' | 'disabled' {
    const armed = this.armed.get(ruleName);
    if (!armed) return 'unknown';
    if (armed.rule.state !== 'ENABLED') return 'disabled';
    return { eventId: this.emit(armed.rule, this.options.clock.now()) };
  }

  list(): ScheduleView[] {
    return [...this.armed.values()].map(({ rule, nextRun }) => ({
      rule: rule.name,
      arn: rule.arn,
      scheduleExpression: rule.scheduleExpression as string,
      state: rule.state,
      ...(nextRun !== undefined ? { nextRun: new Date(nextRun).toISOString() } : {}),
    }));
  }

  close(): void {
    this.closed = true;
    for (const armed of this.armed.values()) armed.timer?.cancel();
  }

  private arm(armed: ArmedRule, nextRun: number | undefined): void {
    armed.timer?.cancel();
    armed.nextRun = nextRun;
    if (nextRun === undefined) {
      this.nextRuns.delete(armed.rule.arn);
      this.options.log(`eventbridge: scheduled rule ${armed.rule.name} (${armed.rule.scheduleExpression}) has no further run`);
      return;
    }
    this.nextRuns.set(armed.rule.arn, nextRun);
    this.wait(armed, nextRun);
  }

  private wait(armed: ArmedRule, nextRun: number): void {
    if (this.closed) return;
    const waitMs = nextRun - this.options.clock.now();
    armed.timer = this.options.clock.setTimer(Math.min(waitMs, MAX_TIMER_MS), () => {
      if (this.options.clock.now() < nextRun) return this.wait(armed, nextRun);
      this.emit(armed.rule, nextRun);
      this.arm(armed, armed.schedule.next(nextRun));
    }, { unref: true });
  }

  /** The event EventBridge sends for a scheduled run, its time the scheduled minute. */
  private emit(rule: RuleModel, runAt: number): string {
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: this.options.registry.account,
      time: new Date(runAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      region: this.options.registry.region,
      resources: [rule.arn],
      detail: {},
    };
    this.options.router.deliverToRule(rule, event);
    return event.id;
  }
}
