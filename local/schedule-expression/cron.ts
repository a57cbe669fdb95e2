import { ScheduleExpressionError, type Schedule } from './schedule';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Day-of-week 1 is Sunday, as in EventBridge. */
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const LAST_YEAR = 2199;

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Whether the field takes `/` increments besides `, - *`. */
  slash: boolean;
}

const MINUTES: FieldSpec = { name: 'Minutes', min: 0, max: 59, slash: true };
const HOURS: FieldSpec = { name: 'Hours', min: 0, max: 23, slash: true };
const DAY_OF_MONTH: FieldSpec = { name: 'Day-of-month', min: 1, max: 31, slash: true };
const MONTH: FieldSpec = { name: 'Month', min: 1, max: 12, names: MONTHS, slash: true };
const DAY_OF_WEEK: FieldSpec = { name: 'Day-of-week', min: 1, max: 7, names: WEEKDAYS, slash: false };
const YEAR: FieldSpec = { name: 'Year', min: 1970, max: LAST_YEAR, slash: true };

/** Whether a calendar day (month 1-12) is one the day fields select. */
type DayMatcher = (year: number, month: number, day: number) => boolean;

/**
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)` in UTC, with EventBridge's wildcards: `, - * /` in
 * every field but Day-of-week (which has no `/`), `?` in one of the two day fields, `L` and `W` in
 * Day-of-month, `L` and `#` in Day-of-week.
 */
export function parseCron(body: string): Schedule {
  const fields = body.split(/\s+/);
  if (fields.length !== 6) throw new ScheduleExpressionError(`cron(${body}) has ${fields.length} fields; it needs 6: Minutes Hours Day-of-month Month Day-of-week Year`);
  const [minuteText, hourText, domText, monthText, dowText, yearText] = fields;
  const minutes = sorted(parseList(minuteText, MINUTES));
  const hours = sorted(parseList(hourText, HOURS));
  const months = sorted(parseList(monthText, MONTH));
  const years = parseList(yearText, YEAR);
  if ((domText === '?') === (dowText === '?')) {
    throw new ScheduleExpressionError(`cron(${body}): use ? in exactly one of Day-of-month and Day-of-week`);
  }
  const dayMatches = domText === '?' ? dayOfWeek(dowText) : dayOfMonth(domText);
  return {
    kind: 'cron',
    next(afterMs) {
      const start = Math.floor(afterMs / 60_000) * 60_000 + 60_000;
      const from = new Date(start);
      const startDay = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
      for (let year = from.getUTCFullYear(); year <= LAST_YEAR; year++) {
        if (!years.has(year)) continue;
        for (const month of months) {
          const days = daysInMonth(year, month);
          for (let day = 1; day <= days; day++) {
            if (Date.UTC(year, month - 1, day) < startDay || !dayMatches(year, month, day)) continue;
            for (const hour of hours) {
              for (const minute of minutes) {
                const at = Date.UTC(year, month - 1, day, hour, minute);
                if (at >= start) return at;
              }
            }
          }
        }
      }
      return undefined;
    },
  };
}

function dayOfMonth(text: string): DayMatcher {
  if (text === 'L') return (year, month, day) => day === daysInMonth(year, month);
  const weekday = /^(\d+)W$/.exec(text);
  if (weekday) {
    const target = checkedValue(weekday[1], DAY_OF_MONTH, text);
    return (year, month, day) => day === nearestWeekday(year, month, target);
  }
  const days = parseList(text, DAY_OF_MONTH);
  return (_year, _month, day) => days.has(day);
}

function dayOfWeek(text: string): DayMatcher {
  const weekdayOf = (year: number, month: number, day: number): number => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
  // `L` alone is the last day of the week, Saturday.
  if (text === 'L') return (year, month, day) => weekdayOf(year, month, day) === 7;
  const last = /^([A-Za-z]+|\d+)L$/.exec(text);
  if (last) {
    const wanted = checkedValue(last[1], DAY_OF_WEEK, text);
    return (year, month, day) => weekdayOf(year, month, day) === wanted && day + 7 > daysInMonth(year, month);
  }
  const nth = /^([A-Za-z]+|\d+)#(\d+)$/.exec(text);
  if (nth) {
    const wanted = checkedValue(nth[1], DAY_OF_WEEK, text);
    const instance = Number(nth[2]);
    if (instance < 1 || instance > 5) throw new ScheduleExpressionError(`Day-of-week ${text}: the instance after # must be 1 to 5`);
    return (year, month, day) => weekdayOf(year, month, day) === wanted && Math.ceil(day / 7) === instance;
  }
  if (/[L#]/.test(text)) throw new ScheduleExpressionError(`Day-of-week ${text}: L and # stand alone, one expression in the field`);
  const days = parseList(text, DAY_OF_WEEK);
  return (year, month, day) => days.has(weekdayOf(year, month, day));
}

/** A field of `, - * /` items, as the set of values it selects. */
function parseList(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined || (step !== undefined && !spec.slash)) throw invalidItem(item, spec);
    const increment = step === undefined ? 1 : checkedStep(step, item, spec);
    let first: number;
    let last: number;
    if (range === '*') [first, last] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [from, to, more] = range.split('-');
      if (more !== undefined) throw invalidItem(item, spec);
      [first, last] = [checkedValue(from, spec, item), checkedValue(to, spec, item)];
      if (first > last) throw new ScheduleExpressionError(`${spec.name} ${item}: the range runs backwards`);
    } else {
      first = checkedValue(range, spec, item);
      last = step === undefined ? first : spec.max;
    }
    for (let value = first; value <= last; value += increment) values.add(value);
  }
  return values;
}

function checkedValue(text: string, spec: FieldSpec, item: string): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= spec.min && value <= spec.max)) throw invalidItem(item, spec);
  return value;
}

function checkedStep(text: string, item: string, spec: FieldSpec): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalidItem(item, spec);
  return Number(text);
}

function invalidItem(item: string, spec: FieldSpec): ScheduleExpressionError {
  const range = spec.names ? `${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : `${spec.min}-${spec.max}`;
  return new ScheduleExpressionError(`${spec.name} "${item}" is not valid; values are ${range}, with ${spec.slash ? ', - * /' : ', - *'}`);
}

function sorted(values: Set<number>): number[] {
  return [...values].sort((a, b) => a - b);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The weekday nearest to day `target` of the month, never crossing into another month. */
function nearestWeekday(year: number, month: number, target: number): number {
  const days = daysInMonth(year, month);
  const day = Math.min(target, days);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 6) return day === 1 ? day + 2 : day - 1;
  if (weekday === 0) return day === days ? day - 2 : day + 1;
  return day;
}
