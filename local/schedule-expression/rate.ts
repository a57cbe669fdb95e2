import { ScheduleExpressionError, type Schedule } from './schedule';

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * `rate(value unit)`: every `value` minutes, hours or days, the unit singular for 1 and plural otherwise. The
 * first run comes one period after the schedule starts, as a new rule's does.
 */
export function parseRate(body: string): Schedule {
  const match = /^(\d+) (minute|hour|day)(s?)$/.exec(body);
  if (!match) throw new ScheduleExpressionError(`rate(${body}) is not "rate(value unit)" with a unit of minutes, hours or days`);
  const value = Number(match[1]);
  if (value < 1) throw new ScheduleExpressionError(`the value of rate(${body}) must be a positive whole number`);
  if ((value === 1) !== (match[3] === '')) {
    throw new ScheduleExpressionError(`rate(${body}) must use the unit ${value === 1 ? match[2] : `${match[2]}s`}: singular for 1, plural otherwise`);
  }
  const periodMs = value * UNIT_MS[match[2]];
  return { kind: 'rate', periodMs, next: (afterMs) => afterMs + periodMs };
}
