import type { EventBridgeEvent } from 'aws-lambda';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEntries } from './cli/entries';

export const SAMPLES_DIRECTORY = join(__dirname, 'samples');

/** The event EventBridge would route for one sample entry: what rule patterns are matched against. */
export interface SampleEvent {
  /** File name in `events/samples/`, e.g. `user-created.json`. */
  file: string;
  /** Index of the entry in that file. */
  index: number;
  event: EventBridgeEvent<string, unknown>;
}

/** The local runtime's account and region, so samples look like events on the local bus. */
const SAMPLE_ACCOUNT = '000000000000';
const SAMPLE_REGION = 'us-east-1';

/**
 * Every entry of every sample file, checked against its contract (an invalid sample throws, naming the file,
 * the entry and the field) and shaped as the event a rule sees.
 */
export function loadSampleEvents(directory: string = SAMPLES_DIRECTORY): SampleEvent[] {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.flatMap((file) =>
    parseEntries(readFileSync(join(directory, file), 'utf8'), file).map((entry, index) => {
      const detail: unknown = JSON.parse(entry.Detail ?? 'null');
      return {
        file,
        index,
        event: {
          version: '0',
          id: `sample-${file.replace(/\.json$/, '')}-${index}`,
          'detail-type': entry.DetailType ?? '',
          source: entry.Source ?? '',
          account: SAMPLE_ACCOUNT,
          time: (entry.Time ?? new Date(occurredAt(detail))).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          region: SAMPLE_REGION,
          resources: entry.Resources ?? [],
          detail,
        },
      };
    }),
  );
}

function occurredAt(detail: unknown): string {
  const metadata = (detail as { metadata?: { occurredAt?: unknown } } | null)?.metadata;
  return typeof metadata?.occurredAt === 'string' ? metadata.occurredAt : '1970-01-01T00:00:00Z';
}
