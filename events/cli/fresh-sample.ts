import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES_DIRECTORY } from '../sample-events';
import { USER_CREATED_DETAIL_TYPE, USER_CREATED_SOURCE } from '../user-created';
import { CliError } from './cli-error';
import { parseEntries } from './entries';

interface RawEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  Time?: string;
}

/**
 * The entries of `events/samples/<name>.json`, each made a new event. Consumers deduplicate on
 * `metadata.idempotencyKey`, so the sample as it is would be handled once and then skipped on every later send.
 * Here the envelope every contract shares gets a new eventId, idempotencyKey and occurredAt, and a UserCreated
 * event is about a new user (userId and createdAt, and the sample's address with a +tag). Everything else comes
 * from the sample, and the result is checked against the contract again, so what is sent stays valid.
 */
export function freshSampleEntries(name: string, busOverride: string | undefined, now: Date = new Date()): PutEventsRequestEntry[] {
  const file = `${name}.json`;
  const label = `events/samples/${file}`;
  const available = readdirSync(SAMPLES_DIRECTORY).filter((candidate) => candidate.endsWith('.json'));
  if (!available.includes(file)) {
    const names = available.map((candidate) => candidate.replace(/\.json$/, '')).join(', ');
    throw new CliError(`unknown sample "${name}": the samples are ${names} (events/samples/)`);
  }
  const text = readFileSync(join(SAMPLES_DIRECTORY, file), 'utf8');
  parseEntries(text, label);
  const fresh = (JSON.parse(text) as RawEntry[]).map((entry) => renew(entry, now));
  return parseEntries(JSON.stringify(fresh), `${label} (made fresh)`, busOverride);
}

function renew(entry: RawEntry, now: Date): RawEntry {
  const { metadata, data } = JSON.parse(entry.Detail) as { metadata: Record<string, unknown>; data: Record<string, unknown> };
  const at = now.toISOString();
  const key = String(metadata.idempotencyKey);
  // The key's own prefix (`user-created:`) is kept: it says which producer made it.
  metadata.idempotencyKey = `${key.slice(0, key.lastIndexOf(':') + 1)}${randomUUID().replaceAll('-', '')}`;
  metadata.eventId = randomUUID();
  metadata.occurredAt = at;
  if (entry.Source === USER_CREATED_SOURCE && entry.DetailType === USER_CREATED_DETAIL_TYPE) {
    const tag = randomBytes(4).toString('hex');
    data.userId = `${String(data.userId)}-${tag}`;
    data.createdAt = at;
    data.email = String(data.email).replace('@', `+${tag}@`);
  }
  return { ...entry, Detail: JSON.stringify({ metadata, data }), ...(entry.Time === undefined ? {} : { Time: at }) };
}
