import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEntries } from '../../events/cli/entries';
import { validateEventDetail } from '../../events/registry';

const samplesDirectory = join(__dirname, '..', '..', 'events', 'samples');
const sampleFiles = readdirSync(samplesDirectory).filter((name) => name.endsWith('.json'));

describe('events/samples', () => {
  it('holds the put-events sample and at least one more', () => {
    expect(sampleFiles).toEqual(expect.arrayContaining(['user-created.json', 'user-created-minimal.json']));
  });

  it.each(sampleFiles)('%s is a put-events entries file whose every Detail conforms to its contract', (name) => {
    const text = readFileSync(join(samplesDirectory, name), 'utf8');
    const entries = JSON.parse(text) as { Source: string; DetailType: string; Detail: string; EventBusName: string }[];

    expect(parseEntries(text, name)).toHaveLength(entries.length);
    for (const entry of entries) {
      expect(entry.EventBusName).toBe('users-fanout-dev');
      expect(validateEventDetail(entry.Source, entry.DetailType, JSON.parse(entry.Detail))).toMatchObject({ ok: true });
    }
  });
});
