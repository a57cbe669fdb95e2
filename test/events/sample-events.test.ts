import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSampleEvents } from '../../events/sample-events';

describe('loadSampleEvents', () => {
  it('shapes every sample entry as the event a rule sees', () => {
    const samples = loadSampleEvents();

    expect(samples.map(({ file, index }) => `${file}#${index}`)).toEqual(['user-created-minimal.json#0', 'user-created.json#0']);
    expect(samples[1].event).toEqual({
      version: '0',
      id: 'sample-user-created-0',
      'detail-type': 'UserCreated',
      source: 'users-fanout.users',
      account: '000000000000',
      time: '2024-05-01T09:30:00Z',
      region: 'us-east-1',
      resources: [],
      detail: expect.objectContaining({ data: expect.objectContaining({ userId: 'u-1', email: 'alan@example.com' }) }),
    });
  });

  it('refuses a sample that breaks its contract, naming the file, the entry and the field', () => {
    const directory = mkdtempSync(join(tmpdir(), 'samples-'));
    const detail = { metadata: { eventId: 'x' }, data: {} };
    writeFileSync(join(directory, 'broken.json'), JSON.stringify([{ Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: JSON.stringify(detail) }]));

    expect(() => loadSampleEvents(directory)).toThrow('broken.json: entry 0 (users-fanout.users UserCreated): metadata.eventId: Invalid UUID');
  });
});
