import { randomUUID } from 'node:crypto';
import type { PutEventsEntry } from '../model/ports';
import type { EventEnvelope } from './types';

/**
 * The envelope of an accepted entry. `Time` arrives as epoch seconds over the JSON protocol, as a Date or ISO
 * string in process; the envelope carries it to the second, as EventBridge does.
 */
export function buildEnvelope(
  entry: PutEventsEntry & { Source: string; DetailType: string },
  detail: Record<string, unknown>,
  account: string,
  region: string,
  now: number,
): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': entry.DetailType,
    source: entry.Source,
    account,
    time: formatEventTime(eventTime(entry.Time, now)),
    region,
    resources: entry.Resources ?? [],
    detail,
  };
}

function eventTime(time: unknown, now: number): number {
  if (time instanceof Date && !Number.isNaN(time.getTime())) return time.getTime();
  if (typeof time === 'number' && Number.isFinite(time)) return time * 1000;
  if (typeof time === 'string') {
    const parsed = /^\d+(\.\d+)?$/.test(time) ? Number(time) * 1000 : Date.parse(time);
    if (Number.isFinite(parsed)) return parsed;
  }
  return now;
}

function formatEventTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
