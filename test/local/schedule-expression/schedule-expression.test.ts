import { parseScheduleExpression, ScheduleExpressionError } from '../../../local/schedule-expression';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The next `count` runs after `start`. */
function runs(expression: string, start: string, count: number): Array<string | undefined> {
  const schedule = parseScheduleExpression(expression);
  const result: Array<string | undefined> = [];
  let after = at(start);
  for (let i = 0; i < count; i++) {
    const next = schedule.next(after);
    result.push(iso(next));
    if (next === undefined) break;
    after = next;
  }
  return result;
}

describe('schedule expressions', () => {
  it('rate: one period after the previous run', () => {
    expect(runs('rate(5 minutes)', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-01T00:05:00.000Z', '2026-01-01T00:10:00.000Z']);
    expect(runs('rate(1 day)', '2026-01-01T10:30:00Z', 1)).toEqual(['2026-01-02T10:30:00.000Z']);
  });

  it('cron: every field, in UTC, strictly after the given time', () => {
    expect(runs('cron(0 10 * * ? *)', '2026-01-01T10:00:00Z', 2)).toEqual(['2026-01-02T10:00:00.000Z', '2026-01-03T10:00:00.000Z']);
    expect(runs('cron(0/15 * * * ? *)', '2026-01-01T10:07:00Z', 3)).toEqual(['2026-01-01T10:15:00.000Z', '2026-01-01T10:30:00.000Z', '2026-01-01T10:45:00.000Z']);
    expect(runs('cron(1/10 * * * ? *)', '2026-01-01T10:00:00Z', 2)).toEqual(['2026-01-01T10:01:00.000Z', '2026-01-01T10:11:00.000Z']);
    expect(runs('cron(0 18 ? * MON-FRI *)', '2026-01-02T18:00:00Z', 2)).toEqual(['2026-01-05T18:00:00.000Z', '2026-01-06T18:00:00.000Z']);
    expect(runs('cron(0 8 1 JAN,jul ? 2026-2027)', '2026-01-01T09:00:00Z', 4)).toEqual(['2026-07-01T08:00:00.000Z', '2027-01-01T08:00:00.000Z', '2027-07-01T08:00:00.000Z', undefined]);
  });

  it('cron: L, W and # on the day fields', () => {
    expect(runs('cron(0 0 L * ? *)', '2028-02-01T00:00:00Z', 2)).toEqual(['2028-02-29T00:00:00.000Z', '2028-03-31T00:00:00.000Z']);
    // 2026-05-16 is a Saturday: its nearest weekday is Friday the 15th; 2026-08-01 is a Saturday and stays in August.
    expect(runs('cron(0 9 16W * ? *)', '2026-05-01T00:00:00Z', 1)).toEqual(['2026-05-15T09:00:00.000Z']);
    expect(runs('cron(0 9 1W * ? *)', '2026-08-01T00:00:00Z', 1)).toEqual(['2026-08-03T09:00:00.000Z']);
    // The second Tuesday, and the last Friday, of the month.
    expect(runs('cron(0 12 ? * 3#2 *)', '2026-01-01T00:00:00Z', 2)).toEqual(['2026-01-13T12:00:00.000Z', '2026-02-10T12:00:00.000Z']);
    expect(runs('cron(0 12 ? * 6L *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-30T12:00:00.000Z']);
    expect(runs('cron(0 12 ? * L *)', '2026-01-01T00:00:00Z', 1)).toEqual(['2026-01-03T12:00:00.000Z']);
  });

  it.each([
    ['rate(1 minutes)', /singular for 1/],
    ['rate(2 hour)', /plural otherwise/],
    ['rate(0 minutes)', /positive/],
    ['rate(5 seconds)', /minutes, hours or days/],
    ['cron(0 10 * * * *)', /\? in exactly one/],
    ['cron(0 10 ? * ? *)', /\? in exactly one/],
    ['cron(0 10 * *)', /needs 6/],
    ['cron(60 10 * * ? *)', /Minutes "60"/],
    ['cron(0 10 ? * 1/2 *)', /Day-of-week "1\/2"/],
    ['cron(0 10 ? * 3#1,6#3 *)', /stand alone/],
    ['cron(0 10 * * ? 1969)', /Year "1969"/],
    ['every 5 minutes', /neither rate/],
  ])('refuses %s', (expression, reason) => {
    expect(() => parseScheduleExpression(expression)).toThrow(ScheduleExpressionError);
    expect(() => parseScheduleExpression(expression)).toThrow(reason);
  });
});
