import { parseCron } from './cron';
import { parseRate } from './rate';
import { ScheduleExpressionError, type Schedule } from './schedule';

export { ScheduleExpressionError, type Schedule } from './schedule';

/**
 * Parses an EventBridge ScheduleExpression, `rate(...)` or `cron(...)`, in UTC. Throws ScheduleExpressionError
 * with the reason when EventBridge would refuse it.
 */
export function parseScheduleExpression(expression: string): Schedule {
  const match = /^(rate|cron)\((.*)\)$/.exec(expression.trim());
  if (!match) throw new ScheduleExpressionError(`"${expression}" is neither rate(...) nor cron(...)`);
  return match[1] === 'rate' ? parseRate(match[2].trim()) : parseCron(match[2].trim());
}
