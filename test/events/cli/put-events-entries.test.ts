import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEntries } from '../../../events/cli/entries';
import { PROJECT_DIR } from '../../../support/project';

const sample = JSON.parse(readFileSync(join(PROJECT_DIR, 'events', 'samples', 'user-created.json'), 'utf8'))[0];
const detail = JSON.parse(sample.Detail);

function file(...entries: unknown[]): string {
  return JSON.stringify(entries);
}

function withDetail(change: (copy: typeof detail) => void): Record<string, unknown> {
  const copy = structuredClone(detail);
  change(copy);
  return { ...sample, Detail: JSON.stringify(copy) };
}

describe('parseEntries', () => {
  it('returns the entries ready for PutEvents, with --bus overriding each EventBusName', () => {
    const entries = parseEntries(file(sample, { ...sample, Time: '2024-05-01T09:30:00Z' }), 'e.json', 'users-fanout-prod');

    expect(entries).toEqual([
      { Source: 'users-fanout.users', DetailType: 'UserCreated', Detail: sample.Detail, EventBusName: 'users-fanout-prod', Time: undefined },
      expect.objectContaining({ EventBusName: 'users-fanout-prod', Time: new Date('2024-05-01T09:30:00Z') }),
    ]);
    expect(parseEntries(file(sample), 'e.json')[0].EventBusName).toBe('users-fanout-dev');
  });

  it('names the entry index and the field of a Detail that breaks the contract', () => {
    const badEmail = withDetail((copy) => {
      copy.data.email = 'ada-at-example.com';
    });

    expect(() => parseEntries(file(sample, badEmail), 'e.json')).toThrow(
      'e.json: entry 1 (users-fanout.users UserCreated): data.email: Invalid email address',
    );
  });

  it('reports every problem of every entry, one per line', () => {
    const noUser = withDetail((copy) => {
      delete copy.data.userId;
    });
    const unknownType = { ...sample, DetailType: 'UserDeleted' };
    const typo = { Source: sample.Source, Detailtype: 'UserCreated', Detail: sample.Detail };

    let message = '';
    try {
      parseEntries(file(noUser, unknownType, typo, { ...sample, Detail: '{oops' }, 'text'), 'e.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'e.json: entry 0 (users-fanout.users UserCreated): data.userId: Invalid input: expected string, received undefined',
      'e.json: entry 1 (users-fanout.users UserDeleted): no contract for source "users-fanout.users" and detail-type "UserDeleted"',
      'e.json: entry 2: DetailType: Invalid input: expected string, received undefined',
      'e.json: entry 2: Unrecognized key: "Detailtype"',
      expect.stringMatching(/^e\.json: entry 3 \(users-fanout\.users UserCreated\): Detail is not valid JSON \(.+\)$/),
      'e.json: entry 4: Invalid input: expected object, received string',
    ]);
  });

  it.each([
    ['{"Source":', /^e\.json: not valid JSON \(.+\)$/],
    ['{}', /^e\.json: expected a non-empty JSON array of PutEvents entries$/],
    ['[]', /^e\.json: expected a non-empty JSON array of PutEvents entries$/],
  ])('refuses the malformed file %p in one line', (text, message) => {
    expect(() => parseEntries(text, 'e.json')).toThrow(message);
  });
});
